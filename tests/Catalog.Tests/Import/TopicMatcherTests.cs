using Catalog.Web.Import;

namespace Catalog.Tests.Import;

/// <summary>Which new topic continues which old one: the rule that keeps topic URLs stable across re-imports.</summary>
public sealed class TopicMatcherTests
{
    [Fact]
    public void SameSlugIsTheSameTopic()
    {
        var matches = TopicMatcher.Match([Topic("a", 0, links: ["1"])], [Topic("a", 0, links: ["2"])]);

        Assert.Equal("a", matches["a"]);
    }

    [Fact]
    public void RenamedInPlaceWithSomeLinksInCommonIsTheSameTopic()
    {
        var matches = TopicMatcher.Match(
            [Topic("old-name", 0, links: ["1", "2", "3", "4"])],
            [Topic("new-name", 0, links: ["1", "2", "5", "6"])]);

        Assert.Equal("old-name", matches["new-name"]);
    }

    [Fact]
    public void ATopicRemovedAndAnotherAddedInItsPlaceAreDifferentTopics()
    {
        var matches = TopicMatcher.Match(
            [Topic("removed", 0, links: ["1", "2"])],
            [Topic("added", 0, links: ["3", "4"])]);

        Assert.Empty(matches);
    }

    [Fact]
    public void RenamedAndMovedWithMostlyTheSameLinksIsTheSameTopic()
    {
        var matches = TopicMatcher.Match(
            [Topic("root", 0, level: 1), Topic("a", 1, parent: "root"), Topic("moved", 2, parent: "root", links: ["1", "2", "3"])],
            [Topic("root", 0, level: 1), Topic("elsewhere", 1, parent: "root", links: ["1", "2", "3", "4"]), Topic("a", 2, parent: "root")]);

        Assert.Equal("moved", matches["elsewhere"]);
    }

    [Fact]
    public void AGroupingHeadingRenamedInPlaceKeepsItsIdentityAndSoDoItsRenamedChildren()
    {
        var matches = TopicMatcher.Match(
            [Topic("group", 0, level: 2), Topic("child", 1, level: 3, parent: "group", links: ["1", "2", "3", "4", "5"])],
            [Topic("renamed-group", 0, level: 2), Topic("renamed-child", 1, level: 3, parent: "renamed-group", links: ["1", "2", "9"])]);

        Assert.Equal("group", matches["renamed-group"]);
        Assert.Equal("child", matches["renamed-child"]);
    }

    [Fact]
    public void TheNewTopicSharingMostLinksWinsWhateverTheDocumentOrder()
    {
        var matches = TopicMatcher.Match(
            [Topic("root", 0, level: 1), Topic("x", 1, parent: "root"), Topic("old", 2, parent: "root", links: ["1", "2", "3", "4", "5"])],
            [
                Topic("root", 0, level: 1),
                Topic("partial-copy", 1, parent: "root", links: ["1", "2", "3", "9"]),
                Topic("x", 2, parent: "root"),
                Topic("continued", 3, parent: "root", links: ["1", "2", "3", "4", "5"]),
            ]);

        Assert.Equal("old", matches["continued"]);
        Assert.False(matches.ContainsKey("partial-copy"));
    }

    [Fact]
    public void QuoteEditIsReportedOnceNotAlsoAsARelabelledLink()
    {
        List<TopicState> before = [Topic("t", 0, quotes: [("https://q.example/", "Old words.")])];
        List<TopicState> after = [Topic("t", 0, quotes: [("https://q.example/", "New words.")])];

        var diff = DiffBuilder.Build(before, after, TopicMatcher.Match(before, after), new HashSet<string>(), new HashSet<string> { "https://q.example/" });

        Assert.Equal([ChangeKind.QuoteEdited], diff.Changes.Select(c => c.Kind));
        Assert.Equal(0, diff.LinksChanged);
    }

    [Fact]
    public void ALinkMovedBetweenTopicsNamesBoth()
    {
        List<TopicState> before = [Topic("from", 0, links: ["1", "2"]), Topic("to", 1, links: ["3"])];
        List<TopicState> after = [Topic("from", 0, links: ["1"]), Topic("to", 1, links: ["3", "2"])];

        var diff = DiffBuilder.Build(before, after, TopicMatcher.Match(before, after), new HashSet<string>(), new HashSet<string> { "1", "2", "3" });

        var moved = Assert.Single(diff.Changes);
        Assert.Equal(new ImportChange(ChangeKind.LinkMoved, "To", "label 2 <2> moved from From"), moved);
        Assert.Equal(1, diff.LinksChanged);
    }

    [Fact]
    public void RenamingEveryTopicOfALargeSourceComparesEachNewTopicWithFewOldOnes()
    {
        // In reverse order, so no topic is matched by its place: every one is found through the links it shares.
        const int count = 20_000;
        var before = Enumerable.Range(0, count).Select(i => Topic($"old-{i}", i, links: [$"u{i}a", $"u{i}b", $"u{i}c", "classic"])).ToList();
        var after = Enumerable.Range(0, count).Select(i => Topic($"new-{i}", count - i, links: [$"u{i}a", $"u{i}b", $"u{i}c", "classic"])).ToList();

        var matches = TopicMatcher.Match(before, after, out var pairsCompared);

        Assert.Equal(count, matches.Count);
        Assert.All(Enumerable.Range(0, count), i => Assert.Equal($"old-{i}", matches[$"new-{i}"]));
        Assert.InRange(pairsCompared, count, 4L * count);
    }

    private static TopicState Topic(
        string slug, int position, int level = 2, string? parent = null, string[]? links = null, (string Url, string Text)[]? quotes = null) =>
        new(slug, char.ToUpperInvariant(slug[0]) + slug[1..], level, parent, position, "",
            [
                .. (links ?? []).Select(url => new TopicLink(url, "label " + url, LinkPlace.List)),
                .. (quotes ?? []).Select(q => new TopicLink(q.Url, q.Text, LinkPlace.Quote)),
            ],
            quotes ?? [],
            []);
}
