namespace Catalog.Tests.LinkMetadata;

/// <summary>The recorded-style answers under Fixtures/metadata, written from each source's documented format.</summary>
public static class MetadataFixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "metadata", name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));
}
