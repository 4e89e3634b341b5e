using Catalog.Web.Import;
using static Catalog.Tests.Import.Parsing;

namespace Catalog.Tests.Import;

public sealed class TopicTests
{
    [Fact]
    public void HeadingsOfEveryLevelBecomeTopics()
    {
        var topics = Parse("# One\n## Two\n### Three\n#### Four\n##### Five\n###### Six\n\nSeven\n=====\n\nEight\n-----").Topics;

        Assert.Equal(["one", "two", "three", "four", "five", "six", "seven", "eight"], topics.Select(t => t.Slug));
        Assert.Equal([1, 2, 3, 4, 5, 6, 1, 2], topics.Select(t => t.Level));
    }

    [Theory]
    [InlineData("# A\n## B", "b", "a")]
    [InlineData("# A\n## B\n### C", "c", "b")]
    [InlineData("# A\n### C", "c", "a")]
    [InlineData("# A\n#### D\n## B", "b", "a")]
    [InlineData("# A\n## B\n#### D\n### C", "c", "b")]
    [InlineData("## A\n# B\n### C", "c", "b")]
    [InlineData("# A\n## B\n## C", "c", "a")]
    [InlineData("# A\n## B", "a", null)]
    [InlineData("### A\n# B", "b", null)]
    public void HeadingIsAChildOfTheNearestHeadingAboveWithALowerLevel(string markdown, string slug, string? parentSlug) =>
        Assert.Equal(parentSlug, Topic(Parse(markdown), slug).ParentSlug);

    [Theory]
    [InlineData("# Tools\n## Tools\n### Tools", new[] { "tools", "tools-2", "tools-3" })]
    [InlineData("# Tools\n# Tools-2\n# Tools", new[] { "tools", "tools-2", "tools-3" })]
    [InlineData("# 🚀\n# 🎉\n#\n# ***", new[] { "topic", "topic-2", "topic-3", "topic-4" })]
    [InlineData("# 机器学习\n## 机器学习", new[] { "机器学习", "机器学习-2" })]
    public void CollidingSlugsGetADeterministicNumberSuffix(string markdown, string[] slugs) =>
        Assert.Equal(slugs, Parse(markdown).Topics.Select(t => t.Slug));

    [Theory]
    [InlineData("Deep Learning & Physics", "deep-learning-physics")]
    [InlineData("  Café Théorie  ", "cafe-theorie")]
    [InlineData("C# / .NET", "c-net")]
    [InlineData("机器学习资源", "机器学习资源")]
    [InlineData("Python 机器学习 (入门)", "python-机器学习-入门")]
    [InlineData("한국어 자료", "한국어-자료")]
    [InlineData("ガイド", "ガイド")]
    [InlineData("हिन्दी", "हिन्दी")]
    [InlineData("❤️ Love", "love")]
    [InlineData("🚀", "topic")]
    [InlineData("", "topic")]
    [InlineData("---", "topic")]
    public void SlugIsReadableInEveryScript(string title, string slug) => Assert.Equal(slug, Slugs.From(title));

    [Fact]
    public void SlugOfAVeryLongTitleIsCut() => Assert.InRange(Slugs.From(string.Join(' ', Enumerable.Repeat("word", 100))).Length, 1, 80);

    [Theory]
    [InlineData("#", "(untitled)")]
    [InlineData("# 🚀", "🚀")]
    [InlineData("# [Awesome](https://x.org/awesome)", "Awesome")]
    [InlineData("# *Deep* `Learning`", "Deep Learning")]
    public void TopicTitleIsTheHeadingsPlainText(string markdown, string title) => Assert.Equal(title, Assert.Single(Parse(markdown).Topics).Title);

    [Fact]
    public void ContentBeforeTheFirstHeadingBelongsToATopicNamedAfterTheFile()
    {
        var topics = Parse("* [A](https://x.org/a)\n\n# First").Topics;

        Assert.Equal(["test", "first"], topics.Select(t => t.Slug));
        Assert.Single(topics[0].Links);
        Assert.Null(topics[1].ParentSlug);
    }

    [Fact]
    public void EverythingUpToTheNextHeadingBelongsToTheTopicAbove()
    {
        var catalog = Parse("# A\n* [1](https://x.org/1)\n## B\n* [2](https://x.org/2)\n* [3](https://x.org/3)\n# C");

        Assert.Equal([1, 2, 0], catalog.Topics.Select(t => t.Links.Count));
    }
}
