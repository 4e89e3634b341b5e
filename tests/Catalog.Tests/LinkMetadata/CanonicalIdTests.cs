using Catalog.Web.Links.Metadata;

namespace Catalog.Tests.LinkMetadata;

public sealed class CanonicalIdTests
{
    [Theory]
    [InlineData("https://arxiv.org/abs/1806.07572", "arXiv:1806.07572")]
    [InlineData("https://arxiv.org/abs/1806.07572v3", "arXiv:1806.07572")]
    [InlineData("https://arxiv.org/pdf/1806.07572v2.pdf", "arXiv:1806.07572")]
    [InlineData("http://export.arxiv.org/abs/hep-th/9901001v1", "arXiv:hep-th/9901001")]
    [InlineData("https://doi.org/10.1073/PNAS.1903070116", "doi:10.1073/pnas.1903070116")]
    [InlineData("http://dx.doi.org/10.1137/20M1336722", "doi:10.1137/20m1336722")]
    [InlineData("https://dl.acm.org/doi/pdf/10.1145/3446776", "doi:10.1145/3446776")]
    [InlineData("https://epubs.siam.org/doi/abs/10.1137/20M1336722", "doi:10.1137/20m1336722")]
    [InlineData("https://onlinelibrary.wiley.com/doi/full/10.1002/cpa.21950/full", "doi:10.1002/cpa.21950")]
    [InlineData("https://www.example.org/papers/123", null)]
    [InlineData("not a url", null)]
    public void TheSameWorkUnderDifferentUrlsSharesOneId(string url, string? expected) =>
        Assert.Equal(expected, CanonicalId.FromUrl(url));

    [Theory]
    [InlineData("https://github.com/google/neural-tangents", "GitHub")]
    [InlineData("https://github.com/google/neural-tangents/", "GitHub")]
    [InlineData("https://github.com/google", "Page")]
    [InlineData("https://github.com/google/neural-tangents/blob/main/README.md", "Page")]
    [InlineData("https://github.com/topics/deep-learning", "Page")]
    [InlineData("https://gist.github.com/someone/abc", "Page")]
    [InlineData("https://www.youtube.com/watch?v=abc", "YouTube")]
    [InlineData("https://youtu.be/abc", "YouTube")]
    [InlineData("https://www.youtube.com/@channel", "Page")]
    [InlineData("https://arxiv.org/abs/2001.00001", "Arxiv")]
    [InlineData("https://doi.org/10.1234/x", "Doi")]
    [InlineData("https://dl.acm.org/doi/10.1145/3446776", "Doi")]
    [InlineData("https://example.org/", "Page")]
    public void EachUrlIsAskedOfItsSource(string url, string route) =>
        Assert.Equal(route, MetadataRoute.For(url).GetType().Name);
}
