namespace Catalog.BrowserTests.Infrastructure;

// xunit runs collections side by side and the tests of one collection one after another; each collection gets its
// own BrowserFixture (server and Chromium), shared by all of its tests.

/// <summary>The read-only page, script and style tests.</summary>
[CollectionDefinition]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;

/// <summary>The keyboard and axe tests (read-only too): their own collection, so they run beside the others.</summary>
[CollectionDefinition]
public sealed class AccessibilityCollection : ICollectionFixture<BrowserFixture>;

/// <summary>The tests that import into the catalog, on a server no other collection uses.</summary>
[CollectionDefinition]
public sealed class AdminBrowserCollection : ICollectionFixture<AdminBrowserFixture>;

/// <summary>The link report's test: a catalog of its own, checked against a loopback fixture web.</summary>
[CollectionDefinition]
public sealed class LinkHealthBrowserCollection : ICollectionFixture<LinkHealthBrowserFixture>;
