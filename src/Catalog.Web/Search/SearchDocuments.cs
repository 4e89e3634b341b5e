using System.Data.Common;
using Catalog.Web.Data;
using Catalog.Web.Import;
using Markdig;

namespace Catalog.Web.Search;

/// <summary>
/// The documents of the search index, gathered before they are written: one per link (keyed by URL, with every
/// mention's label and context, in mention order, and the quotes it is the source of) and one per topic (keyed by
/// slug). An import gathers the other sources' documents from the database and its own from the parsed file, so the
/// text is prepared on another core while the catalog tables are written; ids are attached when the rows exist.
/// </summary>
public sealed class SearchDocuments
{
    private readonly Dictionary<string, LinkText> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TopicText> _topics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _quotes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _fetched = new(StringComparer.Ordinal);

    /// <summary>The documents of every source but <paramref name="exceptSourceId"/> (all sources when null), as stored.</summary>
    public static async Task<SearchDocuments> ReadAsync(DbTransaction transaction, int? exceptSourceId, CancellationToken ct)
    {
        var documents = new SearchDocuments();
        var except = exceptSourceId ?? -1;
        await transaction.ForEachAsync($"""SELECT "Slug", "Title", "IntroMarkdown" FROM "Topics" WHERE "SourceId" <> {except}""", row =>
            documents.AddTopic(row.GetString(0), row.GetString(1), row.GetString(2)), ct);
        await transaction.ForEachAsync($"""
            SELECT l."Url", m."Label", m."Context", m."Place", t."Title"
            FROM "Mentions" m JOIN "Links" l ON l."Id" = m."LinkId" JOIN "Topics" t ON t."Id" = m."TopicId"
            WHERE t."SourceId" <> {except}
            ORDER BY m."Id"
            """, row => documents.AddMention(row.GetString(0), row.GetString(1), row.IsDBNull(2) ? null : row.GetString(2), Enum.Parse<LinkPlace>(row.GetString(3)), row.GetString(4)), ct);
        await transaction.ForEachAsync($"""
            SELECT q."Url", q."Text" FROM "Quotes" q JOIN "Topics" t ON t."Id" = q."TopicId" WHERE t."SourceId" <> {except} ORDER BY q."Id"
            """, row => documents.AddQuote(row.GetString(0), row.GetString(1)), ct);
        await documents.ReadFetchedAsync(transaction, ct);
        return documents;
    }

    /// <summary>
    /// Fetched link metadata (title, authors, venue, abstract) of every source: it is keyed by URL, not by source. It
    /// joins a link's body column after the curator's contexts, so the curator's labels (the title column) rank first.
    /// </summary>
    private Task ReadFetchedAsync(DbTransaction transaction, CancellationToken ct) =>
        transaction.ForEachAsync($"""SELECT "Url", {ISearchDialect.Of(transaction.Connection!).FetchedText} FROM "LinkMetadata" WHERE "FetchedAt" IS NOT NULL""",
            row => _fetched[row.GetString(0)] = row.GetString(1), ct);

    /// <summary>
    /// The documents of these links alone, as stored, for a change that touches no more than them (a metadata run
    /// changes some links' fetched text): every mention, quote and fetched text of each, in the order of a full read.
    /// </summary>
    public static async Task<SearchDocuments> ReadLinksAsync(DbTransaction transaction, IEnumerable<string> urls, CancellationToken ct)
    {
        var documents = new SearchDocuments();
        var search = ISearchDialect.Of(transaction.Connection!);
        var wanted = ("@urls", (object?)System.Text.Json.JsonSerializer.Serialize(urls));
        var mentions = await transaction.ListAsync($"""
            SELECT l."Url", m."Label", m."Context", m."Place", t."Title"
            FROM "Links" l JOIN "Mentions" m ON m."LinkId" = l."Id" JOIN "Topics" t ON t."Id" = m."TopicId"
            WHERE {search.InTexts("l.\"Url\"", "@urls")}
            ORDER BY m."Id"
            """, row => (Url: row.GetString(0), Label: row.GetString(1), Context: row.IsDBNull(2) ? null : row.GetString(2), Place: Enum.Parse<LinkPlace>(row.GetString(3)), Topic: row.GetString(4)), ct, wanted);
        foreach (var m in mentions)
        {
            documents.AddMention(m.Url, m.Label, m.Context, m.Place, m.Topic);
        }

        foreach (var (url, text) in await transaction.ListAsync($"""SELECT "Url", "Text" FROM "Quotes" WHERE {search.InTexts("\"Url\"", "@urls")} ORDER BY "Id" """,
            row => (row.GetString(0), row.GetString(1)), ct, wanted))
        {
            documents.AddQuote(url, text);
        }

        foreach (var (url, text) in await transaction.ListAsync($"""SELECT "Url", {search.FetchedText} FROM "LinkMetadata" WHERE "FetchedAt" IS NOT NULL AND {search.InTexts("\"Url\"", "@urls")}""",
            row => (row.GetString(0), row.GetString(1)), ct, wanted))
        {
            documents._fetched[url] = text;
        }

        return documents;
    }

    /// <summary>Adds a parsed file's topics, after those already gathered (as their rows are written after them).</summary>
    public void Add(IEnumerable<ParsedTopic> topics)
    {
        foreach (var topic in topics)
        {
            AddTopic(topic.Slug, topic.Title, topic.IntroMarkdown);
            foreach (var link in topic.Links)
            {
                AddMention(link.Url, link.Label, link.Context, link.Place, topic.Title);
            }

            foreach (var quote in topic.Quotes)
            {
                AddQuote(quote.Url, quote.Text);
            }
        }
    }

    /// <summary>Every document's indexed text; the ids come later, from the written rows.</summary>
    public List<PreparedDocument> Prepare() =>
        _topics.Values.Select(t => t.Prepare(_quotes)).Concat(_links.Values.Select(l => l.Prepare(_quotes, _fetched.GetValueOrDefault(l.Url)))).ToList();

    private void AddTopic(string slug, string title, string introMarkdown) => _topics[slug] = new TopicText(slug, title, introMarkdown);

    private void AddMention(string url, string label, string? context, LinkPlace place, string topicTitle)
    {
        if (!_links.TryGetValue(url, out var link))
        {
            _links[url] = link = new LinkText(url);
        }

        // A quote's mention label is the quote cut short: the whole quote goes to the quote column instead.
        if (place != LinkPlace.Quote)
        {
            link.Labels.Add(label);
        }

        link.Contexts.Add(context ?? "");
        link.Topics.Add(topicTitle);
    }

    private void AddQuote(string url, string text)
    {
        if (!_quotes.TryGetValue(url, out var texts))
        {
            _quotes[url] = texts = [];
        }

        texts.Add(text);
    }

    private abstract class DocumentText
    {
        public abstract PreparedDocument Prepare(Dictionary<string, List<string>> quotes);

        protected static PreparedDocument Prepared(DocumentKey key, string title, string quote, string body, string urlWords) =>
            new(key, Column(title), Column(quote), Column(body), Column(urlWords));

        // Distinct values only: a link listed with the same label in five topics should not score five times.
        protected static string Join(List<string> values) =>
            string.Join(" \u2022 ", values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal));

        private static string Column(string text) => SearchText.Segment(SearchText.WithoutMarkers(text));
    }

    private sealed class LinkText(string url) : DocumentText
    {
        public string Url => url;

        public List<string> Labels { get; } = [];

        public List<string> Contexts { get; } = [];

        public List<string> Topics { get; } = [];

        public override PreparedDocument Prepare(Dictionary<string, List<string>> quotes) => Prepare(quotes, null);

        // The titles of the topics that list the link go with its URL's words, in the column of least weight: context
        // that finds a bare URL under "Optimal Transport" without outranking a link that names it. They come first so
        // that a snippet, which starts near the column's start, shows the whole phrase that matched. Fetched metadata
        // (title, authors, venue, abstract) goes with the curator's context, below the curator's labels.
        public PreparedDocument Prepare(Dictionary<string, List<string>> quotes, string? fetched) =>
            Prepared(DocumentKey.Link(url), Join(Labels), Join(quotes.GetValueOrDefault(url) ?? []), Join([.. Contexts, fetched ?? ""]), Join([.. Topics, SearchText.UrlWords(url)]));
    }

    private sealed class TopicText(string slug, string title, string introMarkdown) : DocumentText
    {
        public override PreparedDocument Prepare(Dictionary<string, List<string>> quotes) =>
            Prepared(DocumentKey.Topic(slug), title, "", InlineText.Fold(Markdown.ToPlainText(introMarkdown, CatalogMarkdown.Pipeline)), "");
    }
}

/// <summary>A topic's slug or a link's URL: what a document is about, before its row has an id.</summary>
public readonly record struct DocumentKey(bool IsTopic, string Value)
{
    public static DocumentKey Topic(string slug) => new(true, slug);

    public static DocumentKey Link(string url) => new(false, url);
}

/// <summary>The text of one search document, column by column (see the SearchByResult migration), ready to index.</summary>
public sealed record PreparedDocument(DocumentKey Key, string Title, string Quote, string Body, string UrlWords);
