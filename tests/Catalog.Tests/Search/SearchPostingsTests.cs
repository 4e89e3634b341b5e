using System.Globalization;
using System.Text.Json;
using Catalog.Tests.Infrastructure;
using Catalog.Web.Data;
using Catalog.Web.Data.Sqlite;
using Catalog.Web.Search;
using Catalog.Web.Search.Postings;
using Microsoft.Data.Sqlite;

namespace Catalog.Tests.Search;

/// <summary>
/// The in-memory postings answer a match expression as FTS5 does: the same documents, the same rank to the last bit,
/// the same order of ties, for words common and rare, prefixes, phrases of several words, OR, AND and NOT, on the seed's
/// index; and again in arrays the pool hands back with an earlier search's places still in them.
/// </summary>
public sealed class SearchPostingsTests(CatalogFactory factory) : IClassFixture<CatalogFactory>
{
    [Fact]
    public async Task EveryExpressionTheAppWritesRanksAsFts5RanksIt()
    {
        await using var connection = await OpenAsync();
        using var tokenizer = new IndexTokenizer();
        var postings = await SearchPostings.ReadAsync(connection, tokenizer, TestContext.Current.CancellationToken);
        var expressions = await ExpressionsAsync(connection);
        var phrases = await PhraseExpressionsAsync(connection);

        Assert.NotNull(postings);
        Assert.True(expressions.Count > 200, $"{expressions.Count} expressions");
        Assert.True(phrases.Count > 200, $"{phrases.Count} expressions with phrases");
        var (compared, phrasesFound) = (0, 0);
        foreach (var expression in expressions.Concat(phrases))
        {
            var matches = postings.Evaluate(expression);
            Assert.True(matches is not null, expression);
            var expected = await Fts5Async(connection, expression);
            var links = expected.Where(r => r.RowId > 0).ToList();
            Assert.Equal(links.Count, matches.LinkCount);
            Assert.Equal(links, matches.Best(links.Count + 1, links: true));
            Assert.Equal(expected.Where(r => r.RowId < 0).ToList(), matches.Best(expected.Count + 1, links: false));
            Assert.Equal(links.Take(7).ToList(), matches.Best(7, links: true));
            compared += expected.Count;
            phrasesFound += phrases.Contains(expression) && expected.Count > 0 ? 1 : 0;

            // As a search does when it is done: the next expressions are evaluated in these arrays, left as they were.
            matches.Release();
        }

        Assert.True(compared > 10_000, $"{compared} documents compared");
        Assert.True(phrasesFound > phrases.Count / 2, $"{phrasesFound} of {phrases.Count} expressions with phrases match");
    }

    [Fact]
    public async Task ShadowedLinksAreLeftOutAndEveryMatchingLinkHasItsRank()
    {
        await using var connection = await OpenAsync();
        using var tokenizer = new IndexTokenizer();
        var postings = (await SearchPostings.ReadAsync(connection, tokenizer, TestContext.Current.CancellationToken))!;
        var all = await Fts5Async(connection, "\"learning\"");
        var expected = all.Where(r => r.RowId > 0).ToList();
        var matches = postings.Evaluate("\"learning\"")!;

        var skipped = expected.Take(3).Select(r => r.RowId).ToHashSet();
        Assert.Equal(expected.Skip(3).Take(10).ToList(), matches.Best(10, links: true, skipped));

        // A few ids or more than match: topics and ids that match nothing are left out either way.
        Assert.Contains(all, r => r.RowId < 0);
        var strangers = new[] { expected.Max(r => r.RowId) + 1_000_000, all.Min(r => r.RowId) - 1_000_000 };
        var few = expected.Take(5).Select(r => r.RowId).Concat(strangers).Append(all.First(r => r.RowId < 0).RowId).ToHashSet();
        var many = all.Select(r => r.RowId).Concat(strangers).Concat(Enumerable.Range(1, expected.Count).Select(i => -1_000_000L - i)).ToHashSet();
        Assert.True(few.Count < matches.LinkCount && many.Count > matches.LinkCount);
        Assert.Equal(expected.Take(5).ToList(), matches.RanksOf([.. few.Order()]).OrderBy(r => r.Rank).ThenBy(r => r.RowId).ToList());
        Assert.Equal(expected, matches.RanksOf([.. many.Order()]).OrderBy(r => r.Rank).ThenBy(r => r.RowId).ToList());
        Assert.Throws<ArgumentException>(() => matches.RanksOf([.. few.OrderDescending()]));
    }

    [Fact]
    public async Task EveryDocumentsTextIsKeptAsTheIndexHoldsIt()
    {
        await using var connection = await OpenAsync();
        using var tokenizer = new IndexTokenizer();
        var ct = TestContext.Current.CancellationToken;
        var postings = (await SearchPostings.ReadAsync(connection, tokenizer, ct))!;
        var documents = await connection.ListAsync("SELECT rowid, title, quote, body, urlwords FROM search_index",
            r => (RowId: r.GetInt64(0), Columns: new[] { r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4) }), ct);

        Assert.True(documents.Count > 200, $"{documents.Count} documents");
        Assert.Contains(documents, d => d.RowId < 0 && d.Columns[2].Length > 0);
        Assert.Contains(documents, d => d.Columns.Any(c => c.Any(SearchText.IsCjk)));
        Assert.All(documents, d => Assert.Equal(d.Columns, postings.ColumnsOf(d.RowId)));
        Assert.Null(postings.ColumnsOf(documents.Max(d => d.RowId) + 1));
        Assert.Null(postings.ColumnsOf(documents.Min(d => d.RowId) - 1));
    }

    [Fact]
    public async Task SnippetsLookedUpOneByOneAreTheSnippetsOfAPass()
    {
        await using var connection = await OpenAsync();
        const string match = "\"deep\" OR \"learn\" * OR \"kernel\"";
        var ids = (await Fts5Async(connection, match)).Where(r => r.RowId > 0).Take(20).Select(r => r.RowId).ToList();

        var byLookup = await SnippetsAsync(connection, SqliteSearch.Instance.SnippetsByLookup, match, ids);
        var byPass = await SnippetsAsync(connection, SqliteSearch.Instance.Snippets, match, ids);

        Assert.Equal(20, byPass.Count);
        Assert.Contains(byPass, s => s.Contains('\uE000', StringComparison.Ordinal));
        Assert.Equal(byPass.Order(StringComparer.Ordinal), byLookup.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SnippetsWrittenInMemoryAreFts5s()
    {
        await using var connection = await OpenAsync();
        using var tokenizer = new IndexTokenizer();
        var ct = TestContext.Current.CancellationToken;
        var postings = (await SearchPostings.ReadAsync(connection, tokenizer, ct))!;
        var writer = postings.Snippets;
        var (compared, marked, cut, chinese, leftToTheDatabase, phrasesMarked) = (0, 0, 0, 0, 0, 0);
        string[] inChinese = ["\"知\" AND \"乎\"", "\"深\" OR \"学\"", "\"理\" *", "\"凌\" OR \"theori\" *"];
        var phrases = await PhraseExpressionsAsync(connection);
        foreach (var expression in (await ExpressionsAsync(connection)).Concat(inChinese).Concat(phrases))
        {
            var query = postings.Evaluate(expression);
            Assert.True(query is not null, expression);
            var ids = (await Fts5Async(connection, expression)).Select(r => r.RowId).ToList();
            foreach (var expected in await SnippetsAsync(connection, SqliteSearch.Instance.Snippets, expression, ids))
            {
                var id = long.Parse(expected[..expected.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
                if (writer.Write(query, postings.ColumnsOf(id)!) is not { } snippet)
                {
                    leftToTheDatabase++;
                    continue;
                }

                Assert.Equal(expected, id + " " + snippet);
                compared++;
                marked += snippet.Contains(SearchText.MarkStart, StringComparison.Ordinal) ? 1 : 0;
                cut += snippet.Contains(SnippetWriter.Ellipsis, StringComparison.Ordinal) ? 1 : 0;
                chinese += snippet.Any(SearchText.IsCjk) ? 1 : 0;
                phrasesMarked += phrases.Contains(expression) && MarksSeveralTokens(snippet) ? 1 : 0;
            }
        }

        Assert.True(compared > 10_000, $"{compared} snippets compared");
        Assert.True(phrasesMarked > 100, $"{phrasesMarked} snippets with a phrase of several tokens marked");
        Assert.True(marked > compared * 9 / 10 && cut > 1_000 && chinese >= 4, $"{marked} marked, {cut} cut, {chinese} in Chinese");
        Assert.True(leftToTheDatabase < compared / 100, $"{leftToTheDatabase} left to the database");
    }

    // The snippet writer looks up no stem for an ASCII word that does not begin with a phrase's token less its last
    // letter: Porter's steps must leave all of a stem but its last letter as its word's beginning.
    [Fact]
    public async Task EveryStemButItsLastLetterIsHowItsWordBegins()
    {
        await using var connection = await OpenAsync();
        using var tokenizer = new IndexTokenizer();
        var words = new List<string>
        {
            "ration", "rational", "sensibility", "possibility", "nobility", "hoping", "filing", "toy", "happy", "skies",
            "agreed", "troubled", "conditional", "valency", "hesitancy", "digitizer", "generalization", "activity",
            "hopefulness", "electrical", "formative", "adjustable", "irritant", "dependent", "adoption", "homologous",
            "communism", "activate", "angularity", "effective", "bowdlerize", "controlling", "rolling", "probate", "cease",
        };
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT term FROM search_vocab WHERE term GLOB '[a-z0-9]*' AND term NOT GLOB '*[^a-z0-9]*'";
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                words.Add(reader.GetString(0));
            }
        }

        Assert.True(words.Count > 1_000, $"{words.Count} words");
        foreach (var word in words)
        {
            var stem = Assert.Single(tokenizer.Tokens(word));
            Assert.True(word.StartsWith(stem[..Math.Max(1, stem.Length - 1)], StringComparison.Ordinal), $"{word} -> {stem}");
        }
    }

    [Fact]
    public async Task TextWhoseTokensAreNotCheckedHasItsSnippetWrittenByTheDatabase()
    {
        await using var connection = await OpenAsync();
        using var tokenizer = new IndexTokenizer();
        var postings = (await SearchPostings.ReadAsync(connection, tokenizer, TestContext.Current.CancellationToken))!;
        var writer = postings.Snippets;
        var query = postings.Evaluate("\"kernel\" OR \"deep\" *")!;

        Assert.Null(writer.Write(query, ["Kernels in Hindi: \u0915\u0930\u094D\u0928\u0947\u0932", "", "", ""])); // a virama combines
        Assert.Null(writer.Write(query, ["Deep kernels \U0001D400", "", "", ""])); // outside the basic plane
        Assert.Equal("\uE000Deep\uE001 \uE000kernels\uE001", writer.Write(query, ["Deep kernels", "", "", ""]));
    }

    // A phrase of several tokens is marked from its first to its last, overlapping instances as one; its tokens apart,
    // or in another order, are not an instance.
    [Fact]
    public async Task APhraseOfSeveralTokensIsMarkedWhereItsTokensStandTogether()
    {
        await using var connection = await OpenAsync();
        using var tokenizer = new IndexTokenizer();
        var postings = (await SearchPostings.ReadAsync(connection, tokenizer, TestContext.Current.CancellationToken))!;
        var writer = postings.Snippets;
        var acronym = postings.Evaluate("\"ntk\" OR \"neural tangent kernel\"")!;
        var twice = postings.Evaluate("\"deep deep\"")!;

        Assert.Equal(
            "On the \uE000neural tangent kernels\uE001 (\uE000NTK\uE001) of kernel neural nets",
            writer.Write(acronym, ["On the neural tangent kernels (NTK) of kernel neural nets", "", "", ""]));
        Assert.Equal("Kernels: tangent, neural", writer.Write(acronym, ["Kernels: tangent, neural", "", "", ""]));
        Assert.Equal("A \uE000deep deep deep\uE001 net", writer.Write(twice, ["A deep deep deep net", "", "", ""]));

        // Longer than the writer keeps on the stack: the window from the sentence's start wins, marked to its end.
        var longPhrase = postings.Evaluate("\"" + string.Join(' ', Enumerable.Repeat("deep", 130)) + "\"")!;
        Assert.Equal(
            SearchText.MarkStart + string.Join(' ', Enumerable.Repeat("deep", 16)) + SearchText.MarkEnd + SnippetWriter.Ellipsis,
            writer.Write(longPhrase, [string.Join(' ', Enumerable.Repeat("deep", 131)), "", "", ""]));
    }

    // A page's snippets share the writer's lists, window text and builder, one snippet after another: what one leaves
    // there is never part of the next.
    [Fact]
    public async Task ASnippetIsTheSameWhateverWasWrittenBeforeIt()
    {
        await using var connection = await OpenAsync();
        using var tokenizer = new IndexTokenizer();
        var postings = (await SearchPostings.ReadAsync(connection, tokenizer, TestContext.Current.CancellationToken))!;
        var writer = postings.Snippets;
        var deep = postings.Evaluate("\"deep\" OR \"network\"")!;
        string[] small = ["A deep network", "", "", ""];
        string[] large = [string.Join(" a ", Enumerable.Repeat("deep network", 5_000)) + " é", "深度 network", "", "deep"];
        string[] cut = ["one two three four five six seven eight nine ten eleven twelve thirteen fourteen deep fifteen sixteen", "", "", ""];

        var fresh = writer.Write(deep, small);
        var scratch = new SnippetWriter.Scratch();
        var largeSnippet = writer.Write(deep, large, scratch);
        var afterLarge = writer.Write(deep, small, scratch);
        writer.Write(deep, cut, scratch);
        var afterCut = writer.Write(deep, small, scratch);

        Assert.Equal("A \uE000deep\uE001 \uE000network\uE001", fresh);
        Assert.StartsWith("\uE000deep\uE001 \uE000network\uE001 a", largeSnippet, StringComparison.Ordinal);
        Assert.Equal(fresh, afterLarge);
        Assert.Equal(fresh, afterCut);
    }

    // A phrase of several tokens is walked once per version and kept (its arrays never go back to the pool with a
    // search's); past the budget the kept phrases start over. Either way the answer is FTS5's.
    [Theory]
    [InlineData(SearchPostings.PhraseBudget, 2)]
    [InlineData(0, 0)]
    public async Task PhrasesAreKeptForTheVersionWithinTheirBudget(int budget, int kept)
    {
        await using var connection = await OpenAsync();
        using var tokenizer = new IndexTokenizer();
        var postings = (await SearchPostings.ReadAsync(connection, tokenizer, budget, TestContext.Current.CancellationToken))!;
        string[] expressions = ["\"neural tangent kernel\"", "\"deep\" OR \"neural tangent kernel\"", "\"deep learning\" NOT \"neural tangent kernel\""];
        foreach (var expression in expressions.Concat(expressions))
        {
            var expected = (await Fts5Async(connection, expression)).Where(r => r.RowId > 0).ToList();
            var matches = postings.Evaluate(expression)!;

            Assert.NotEmpty(expected);
            Assert.Equal(expected, matches.Best(expected.Count, links: true));
            matches.Release();
        }

        Assert.Equal(kept, postings.KeptPhrases);
    }

    [Theory]
    [InlineData("\"neural tangent\" *")] // a prefix phrase of several words
    [InlineData("(\"deep\" AND \"kernel\") OR \"theory\"")] // an AND under an OR: FTS5 ranks it by where its iterators stand
    [InlineData("\"deep\" AND \"kernel\" OR \"theory\"")] // operators mixed without parentheses
    [InlineData("deep")] // a bare word: the app always quotes
    [InlineData("\"deep")]
    public async Task WhatThePostingsCannotAnswerAsFts5WouldIsLeftToTheDatabase(string expression)
    {
        await using var connection = await OpenAsync();
        using var tokenizer = new IndexTokenizer();
        var postings = (await SearchPostings.ReadAsync(connection, tokenizer, TestContext.Current.CancellationToken))!;

        Assert.Null(postings.Evaluate(expression));
    }

    [Fact]
    public async Task PhrasesGoToTheDatabaseWhenAColumnIsLongerThanAPositionCanSay()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(Path.GetTempPath(), "catalog-positions-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            await connection.OpenAsync(ct);
            using var tokenizer = new IndexTokenizer();
            async Task<SearchPostings> IndexAsync(string body)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"""
                    DROP TABLE IF EXISTS search_index;
                    CREATE VIRTUAL TABLE search_index USING fts5(title, quote, body, urlwords, tokenize = '{IndexTokenizer.Tokenize}');
                    INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(10.0, 4.0, 3.0, 1.0)');
                    INSERT INTO search_index (rowid, title, quote, body, urlwords) VALUES (1, 'neural tangent kernel', '', @body, '');
                    INSERT INTO search_index (rowid, title, quote, body, urlwords) VALUES (2, 'kernel neural tangent', '', '', '');
                    """;
                command.Parameters.AddWithValue("@body", body);
                await command.ExecuteNonQueryAsync(ct);
                return (await SearchPostings.ReadAsync(connection, tokenizer, ct))!;
            }

            var within = await IndexAsync(string.Join(' ', Enumerable.Repeat("word", 16_000)) + " neural tangent kernel");
            var matches = within.Evaluate("\"neural tangent kernel\"");
            Assert.NotNull(matches);
            Assert.Equal(await Fts5Async(connection, "\"neural tangent kernel\""), matches.Best(5, links: true));
            Assert.Equal(1, matches.LinkCount);

            var beyond = await IndexAsync(string.Join(' ', Enumerable.Repeat("word", 17_000)) + " neural tangent kernel");
            Assert.Null(beyond.Evaluate("\"neural tangent kernel\""));
            Assert.NotNull(beyond.Evaluate("\"neural\" AND \"kernel\""));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void TheTokenizerMakesAQuerysWordsTheTermsTheIndexHolds()
    {
        using var tokenizer = new IndexTokenizer();

        Assert.Equal(["theori"], tokenizer.Tokens("Theories"));
        Assert.Equal(["neural", "tangent", "kernel"], tokenizer.Tokens("neural tangent kernels"));
        Assert.Equal(["naiv"], tokenizer.Tokens("naïve"));
        Assert.Empty(tokenizer.Tokens("--"));
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        factory.CreateClient();
        var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    // Words of every frequency, alone, as prefixes, two and three together by OR and AND, and with NOT, in the shapes
    // the search plans write.
    private static async Task<List<string>> ExpressionsAsync(SqliteConnection connection)
    {
        var words = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT term FROM search_vocab WHERE term GLOB '[a-z]*' AND length(term) > 2 ORDER BY doc DESC, term";
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                words.Add(reader.GetString(0));
            }
        }

        var picked = words.Take(25).Concat(words.Where((_, i) => i % 97 == 0)).Distinct().ToList();
        static string Q(string word) => "\"" + word + "\"";
        var expressions = new List<string>();
        for (var i = 0; i < picked.Count; i++)
        {
            var a = picked[i];
            var b = picked[(i * 7 + 3) % picked.Count];
            var c = picked[(i * 13 + 5) % picked.Count];
            expressions.Add(Q(a));
            expressions.Add(Q(a[..3]) + " *");
            expressions.Add($"{Q(a)} OR {Q(b)}");
            expressions.Add($"{Q(a)} AND {Q(b)}");
            expressions.Add($"{Q(a)} AND ({Q(b)} OR {Q(c)} OR {Q(c[..3])} *)");
            expressions.Add($"({Q(a)} OR {Q(b)} OR {Q(a)}) NOT ({Q(c)})");
            expressions.Add($"(({Q(a)} OR {Q(b)}) OR {Q(c)}) NOT ({Q(b)} OR {Q(c[..Math.Min(4, c.Length)])} *)");
        }

        return expressions;
    }

    // Phrases of several words in the shapes the app writes them (a catalog acronym's long form beside the acronym, a
    // quoted title, a run of Chinese): two and three words that stand together in the index's titles, the same two
    // the other way round (which mostly do not), a word twice, alone and with OR, AND and NOT.
    private static async Task<List<string>> PhraseExpressionsAsync(SqliteConnection connection)
    {
        var (titles, texts) = (new List<string>(), new List<string>());
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT title, title || ' ' || quote || ' ' || body FROM search_index ORDER BY rowid";
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                titles.Add(reader.GetString(0));
                texts.Add(reader.GetString(1));
            }
        }

        var phrases = new List<string>();
        foreach (var title in titles.Where((_, i) => i % 3 == 0).Take(60))
        {
            var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.All(char.IsAsciiLetter)).ToArray();
            for (var i = 0; i + 2 < words.Length && i < 4; i += 2)
            {
                phrases.Add($"{words[i]} {words[i + 1]}");
                phrases.Add($"{words[i]} {words[i + 1]} {words[i + 2]}");
                phrases.Add($"{words[i + 1]} {words[i]}");
                phrases.Add($"{words[i]} {words[i]}");
            }
        }

        // The index keeps Chinese segmented, a character a token; a search writes a run of it as their phrase.
        var chinese = texts.Select(SearchText.Unsegment).SelectMany(t => System.Text.RegularExpressions.Regex.Matches(t, @"\p{IsCJKUnifiedIdeographs}{2,4}"))
            .Select(m => m.Value).Distinct().Take(20).ToList();
        Assert.True(chinese.Count >= 5, $"{chinese.Count} runs of Chinese");
        phrases.AddRange(chinese.Select(SearchText.Segment));

        static string Q(string text) => "\"" + text + "\"";
        var expressions = new List<string>();
        for (var i = 0; i < phrases.Count; i++)
        {
            var word = phrases[(i * 7 + 3) % phrases.Count].Split(' ')[0];
            expressions.Add(Q(phrases[i]));
            expressions.Add($"{Q(word)} OR {Q(phrases[i])}");
            expressions.Add($"{Q(phrases[i])} AND {Q(word)}");
            var prefix = word.All(char.IsAsciiLetter) ? $"{Q(word[..Math.Min(3, word.Length)])} *" : Q(word);
            expressions.Add($"({Q(phrases[i])} OR {prefix}) NOT {Q(phrases[(i + 1) % phrases.Count])}");
        }

        return expressions;
    }

    // A mark around more than one token.
    private static bool MarksSeveralTokens(string snippet)
    {
        for (var start = snippet.IndexOf(SearchText.MarkStart); start >= 0; start = snippet.IndexOf(SearchText.MarkStart, start + 1))
        {
            var end = snippet.IndexOf(SearchText.MarkEnd, start);
            if (end > start && snippet.AsSpan(start, end - start).ContainsAny(' ', '\u200B'))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<List<string>> SnippetsAsync(SqliteConnection connection, string sql, string match, List<long> ids)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@match", match);
        command.Parameters.AddWithValue("@ids", JsonSerializer.Serialize(ids));
        var snippets = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            snippets.Add(reader.GetInt64(0) + " " + reader.GetString(1));
        }

        return snippets;
    }

    private static async Task<List<(long RowId, double Rank)>> Fts5Async(SqliteConnection connection, string expression)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT rowid, rank FROM search_index WHERE search_index MATCH @match ORDER BY rank";
        command.Parameters.AddWithValue("@match", expression);
        var rows = new List<(long, double)>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add((reader.GetInt64(0), reader.GetDouble(1)));
        }

        return rows;
    }
}
