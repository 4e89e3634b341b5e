using Catalog.Tests.Admin;
using Catalog.Web.Cli;
using Catalog.Web.Import;

namespace Catalog.Tests.Cli;

/// <summary>Which imports start parsing before the host is built, and that the early parse is the parse.</summary>
public sealed class EarlyImportTests
{
    [Fact]
    public async Task AWellFormedImportStartsItsParseWithTheFileRead()
    {
        var early = await CommandLine.StartImportAsync(["import", Seeds.OriginalPath, "--dry-run", "--json"]);

        Assert.NotNull(early);
        Assert.Equal(Seeds.OriginalPath, early.Path);
        Assert.Equal(Seeds.Name, early.File.Name);
        var parsed = await early.Parsing;
        var reference = await CatalogImporter.ParseAsync(new SeedFile(Seeds.Name, Seeds.Original), long.MaxValue, ParseLimits.Default, TestContext.Current.CancellationToken);
        Assert.Equal(reference.Topics.Select(t => t.Slug), parsed.Topics.Select(t => t.Slug));
        Assert.Equal(reference.LinkCount, parsed.LinkCount);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("backup", "x.db")]
    [InlineData("import")]
    [InlineData("import", "a.md", "b.md")]
    [InlineData("import", "SEED", "--force")]
    [InlineData("import", "/no/such/file.md")]
    public async Task AnythingElseIsLeftToTheCommandItself(params string[] args)
    {
        var early = await CommandLine.StartImportAsync([.. args.Select(a => a == "SEED" ? Seeds.OriginalPath : a)]);

        Assert.Null(early);
    }
}
