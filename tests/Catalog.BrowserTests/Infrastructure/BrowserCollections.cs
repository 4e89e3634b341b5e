namespace Catalog.BrowserTests.Infrastructure;

/// <summary>The read-only tests: one server and one Chromium for all of them, tests one after another.</summary>
[CollectionDefinition]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;

/// <summary>The tests that import into the catalog, on their own server; they run beside the read-only ones.</summary>
[CollectionDefinition]
public sealed class AdminBrowserCollection : ICollectionFixture<AdminBrowserFixture>;
