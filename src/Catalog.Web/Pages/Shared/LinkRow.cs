using Catalog.Web.Import;

namespace Catalog.Web.Pages.Shared;

/// <summary>One link as the lists show it: its label goes out to the resource, host and kind stay in the catalog.</summary>
public sealed record LinkRow(int Id, string Url, string Label, string Host, string Kind, LinkPlace Place = LinkPlace.List);

public sealed record TopicRef(string Slug, string Title);

/// <summary>The links of one topic, for the host and kind pages.</summary>
public sealed record TopicGroup(TopicRef Topic, IReadOnlyList<LinkRow> Links);
