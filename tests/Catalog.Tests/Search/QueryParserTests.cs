using System.Text.RegularExpressions;
using Catalog.Web.Search;
using Microsoft.Data.Sqlite;

namespace Catalog.Tests.Search;

public sealed class QueryParserTests
{
    private const string Zw = "\u200B";

    [Theory]
    [InlineData("random matrix", "\"random\" AND \"matrix\" *")]
    [InlineData("random matrix ", "\"random\" AND \"matrix\"")]
    [InlineData("\"optimal transport\"", "\"optimal transport\"")]
    [InlineData("\"unterminated phrase", "\"unterminated phrase\"")]
    [InlineData("physics OR topology ", "(\"physics\" OR \"topology\")")]
    [InlineData("deep physics OR topology ", "\"deep\" AND (\"physics\" OR \"topology\")")]
    [InlineData("deep -physics ", "(\"deep\") NOT (\"physics\")")]
    [InlineData("deep NOT physics -\"optimal transport\"", "(\"deep\") NOT (\"physics\" OR \"optimal transport\")")]
    [InlineData("deep AND physics ", "\"deep\" AND \"physics\"")]
    [InlineData("optim* theory ", "\"optim\" * AND \"theory\"")]
    [InlineData("arxiv.org", "\"arxiv.org\" *")]
    [InlineData("知乎", "\"知" + Zw + "乎\"")]
    [InlineData("深度学习 theory", "\"深" + Zw + "度" + Zw + "学" + Zw + "习\" AND \"theory\" *")]
    public void QueriesBecomeQuotedFts5Expressions(string input, string expected)
    {
        Assert.Equal(expected, QueryParser.Parse(input).ToFts5());
    }

    [Theory]
    [InlineData("AND", "\"AND\" *")]
    [InlineData("OR", "\"OR\" *")]
    [InlineData("NOT", "\"NOT\" *")]
    [InlineData("NEAR(a b)", "\"NEAR(a\" AND \"b)\"")]
    [InlineData("title:random ", "\"title:random\"")]
    [InlineData("'; DROP TABLE Links; --", "\"DROP\" AND \"TABLE\" AND \"Links;\"")]
    [InlineData("a\0b", "\"a\" AND \"b\"")]
    [InlineData("x\"y", "\"x\" AND \"y\"")]
    [InlineData("(a", "\"(a\"")]
    public void OperatorsAloneAndSyntaxCharactersArePlainText(string input, string expected)
    {
        Assert.Equal(expected, QueryParser.Parse(input).ToFts5());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"")]
    [InlineData("\"\"")]
    [InlineData("*")]
    [InlineData("^ : ( ) { } + -")]
    [InlineData("-deep")]
    [InlineData("\U0001F600 \U0001F914")]
    [InlineData("\0\0")]
    public void InputWithoutAnyWordToFindIsEmpty(string input)
    {
        var query = QueryParser.Parse(input);

        Assert.True(query.IsEmpty);
        Assert.Equal("", query.ToFts5());
    }

    [Fact]
    public void LongInputIsCutToTheMaximumNumberOfTerms()
    {
        var query = QueryParser.Parse(string.Concat(Enumerable.Range(0, 400).Select(i => $"w{i} ")));

        Assert.Equal(QueryParser.MaxTerms, query.Groups.Count);
    }

    [Fact]
    public void TheWordBeingTypedIsOfferedForCompletion()
    {
        var query = QueryParser.Parse("random approxima");

        Assert.Equal("approxima", query.Typing?.Text);
        Assert.Equal("\"random\" AND (\"approxima\" * OR \"approximation\" OR \"approximations\")", query.ToFts5(["approximation", "approximations"]));
        Assert.Null(QueryParser.Parse("approxima ").Typing);
        Assert.Null(QueryParser.Parse("\"approxima\"").Typing);
    }

    [Fact]
    public void DidYouMeanTextKeepsTheSyntax()
    {
        var query = QueryParser.Parse("\"optimal transport\" kantorovch -physics optim* ");
        var corrections = new Dictionary<SearchTerm, string> { [query.Groups[1][0]] = "kantorovich" };

        Assert.Equal("\"optimal transport\" kantorovich optim* -physics", query.ToText(corrections));
    }

    public static TheoryData<string> Hostile() =>
    [
        "\"", "\"\"\"", "*", "**", "^", "^title", ":", "title:", "{title body}: x", "(", ")", "((a OR b)", "a OR",
        "OR a", "NEAR", "NEAR(a b, 2)", "AND", "OR", "NOT", "AND OR NOT", "a AND", "NOT a", "a NOT", "-", "--", "- a",
        "a -", "'; DROP TABLE Links; --", "\" OR 1=1 --", "a\0b", "\0", "\U0001F600", "\uD800", "a\uDC00b", "\uE000x\uE001",
        "x\"y\"z", "\"a\" \"", "a*b", "*a", "a**", "+a", "a^2", "ä ö ü", "Kantoróvich", "深度学习", "知", "ＡＢＣ",
        new string('a', 2000), string.Concat(Enumerable.Repeat("x OR ", 400)), string.Concat(Enumerable.Repeat("\"a ", 500)),
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void EveryExpressionQuotesAllUserTextAndIsValidFts5(string input)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE VIRTUAL TABLE t USING fts5(a, b, tokenize = 'porter unicode61 remove_diacritics 2');
                INSERT INTO t VALUES ('random matrix theory', 'a b c 深 度 学 习');
                """;
            create.ExecuteNonQuery();
        }

        var query = QueryParser.Parse(input);
        var expression = query.ToFts5(["completion"]);
        var outsideStrings = Regex.Replace(expression, "\"(?:[^\"]|\"\")*\"", "S");
        Assert.Matches(@"^(S|AND|OR|NOT|\*|\(|\)| )*$", outsideStrings);

        using var select = connection.CreateCommand();
        select.CommandText = "SELECT count(*) FROM t WHERE t MATCH $match";
        select.Parameters.AddWithValue("$match", query.IsEmpty ? "\"\"" : expression);

        Assert.InRange((long)select.ExecuteScalar()!, 0, 1);
    }

    [Fact]
    public void ARepeatedTermIsMergedIntoOne()
    {
        var query = QueryParser.Parse(string.Join(' ', Enumerable.Repeat("x*", 24)) + " Deep deep \"a b\" \"a b\" -c -c");

        Assert.Equal("(\"x\" * AND \"Deep\" AND \"a b\") NOT (\"c\")", query.ToFts5());
    }

    [Fact]
    public void AtMostTheCappedNumberOfTermsMatchAsPrefixes()
    {
        var query = QueryParser.Parse("a* b* c* d* e* f* g*");

        Assert.Equal(QueryParser.MaxPrefixTerms, query.Terms.Count(t => t.IsPrefix));
        Assert.Equal(QueryParser.MaxPrefixTerms, query.ToFts5().Count(c => c == '*'));
        Assert.Equal(["a", "b", "c", "d"], query.Terms.Where(t => t.IsPrefix).Select(t => t.Text));
    }
}
