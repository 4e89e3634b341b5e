using Catalog.Web.Data.PostgreSql;
using Catalog.Web.Search;

namespace Catalog.Tests.Data;

/// <summary>The app's match syntax (FTS5's subset) as PostgreSQL's tsquery: the same query, never the person's syntax.</summary>
public sealed class TsQueryTests
{
    [Theory]
    [InlineData("\"random\" AND \"matrix\" *", "('random' & 'matrix':*)")]
    [InlineData("\"optimal transport\"", "('optimal' <-> 'transport')")]
    [InlineData("\"a b\" *", "('a' <-> 'b':*)")]
    [InlineData("(\"ntk\" OR \"neural tangent kernel\") AND \"wide\"", "(('ntk' | ('neural' <-> 'tangent' <-> 'kernel')) & 'wide')")]
    [InlineData("(\"optimal\" AND \"transport\") NOT (\"kantorovich\" OR \"monge\")", "(('optimal' & 'transport') & !('kantorovich' | 'monge'))")]
    [InlineData("\"Café\"", "'cafe'")]
    [InlineData("\"arxiv.org/abs/1811.03962\"", "('arxiv' <-> 'org' <-> 'abs' <-> '1811' <-> '03962')")]
    [InlineData("\"it's\"", "('it' <-> 's')")]
    public void TheMatchExpressionBecomesTheSameTsQuery(string fts5, string tsquery) =>
        Assert.Equal(tsquery, TsQuery.FromFts5(fts5));

    [Fact]
    public void AChineseTermIsAPhraseOfItsCharacters() =>
        Assert.Equal("('知' <-> '乎')", TsQuery.FromFts5(new SearchTerm("知乎").ToFts5()));

    // Quotes, operators and weights a person types are separators, as in the index: only words reach the tsquery.
    [Theory]
    [InlineData("x' | 'y", "('x' & 'y')")]
    [InlineData("a & !b <-> c:*", "(('a' & 'b') & 'c':*)")]
    [InlineData("\\' OR 1=1 --", "('or' & ('1' <-> '1'))")]
    public void TsQueryOperatorsTypedByAPersonAreOnlyWords(string typed, string tsquery) =>
        Assert.Equal(tsquery, TsQuery.FromFts5(QueryParser.Parse(typed + " ").ToFts5()));

    [Fact]
    public void WordsAreFoldedAndSplitAsFts5SplitsThem() =>
        Assert.Equal("naive bayes 知 乎 resnet 50", TsQuery.Words("Naïve-Bayes: 知\u200B乎 ResNet/50!"));
}
