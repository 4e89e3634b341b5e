using Catalog.Web.Search.Semantic;

namespace Catalog.Tests.Search.Semantic;

/// <summary>What of a document the model reads: the most telling text first.</summary>
public sealed class EmbeddingTextTests
{
    private const string Fetched = "Numerical Methods for Deep Learning - Lars Ruthotto - Emory University";

    [Fact]
    public void ALinkLabelledOnlyWithItsUrlIsTitledByItsFetchedMetadata()
    {
        var text = EmbeddingText.Of("http://www.mathcs.emory.edu/~lruthot/", "", "Numerical Analysis for Deep Learning • " + Fetched, "mathcs emory edu lruthot", Fetched);

        Assert.StartsWith(Fetched + ". ", text);
        Assert.DoesNotContain("http://", text);
    }

    [Fact]
    public void TheCuratorsOwnLabelStaysFirst()
    {
        var text = EmbeddingText.Of("Short Course on Numerical Methods for Deep Learning", "", Fetched, "mathcs emory edu", Fetched);

        Assert.StartsWith("Short Course on Numerical Methods for Deep Learning. " + Fetched, text);
    }

    [Fact]
    public void ABareUrlWithNothingFetchedKeepsTheUrl() =>
        Assert.StartsWith("https://web.stanford.edu/~yplu/. ", EmbeddingText.Of("https://web.stanford.edu/~yplu/", "", "", "web stanford edu yplu"));
}
