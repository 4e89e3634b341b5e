using System.Globalization;
using System.Text.Json;
using Catalog.Tests.Admin;
using Catalog.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Catalog.Tests.Cli;

/// <summary>The built app as a real child process: <c>dotnet Catalog.Web.dll import ...</c> on a temporary database.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("catalog-cli-");

    private string DatabasePath => Path.Combine(_folder.FullName, "catalog.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task ImportJsonReportHasTheContractShape()
    {
        var result = await RunAsync("import", Seeds.OriginalPath, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var report = json.RootElement;
        Assert.Equal(["source", "topics", "links", "distinctUrls", "quotes", "images", "warnings", "diff"], report.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Seeds.Name, report.GetProperty("source").GetString());
        Assert.Equal(17, report.GetProperty("topics").GetInt32());
        Assert.Equal(CatalogFile.Scalar(DatabasePath, "SELECT COUNT(*) FROM Mentions"), report.GetProperty("links").GetInt32());
        Assert.Equal(CatalogFile.Scalar(DatabasePath, "SELECT COUNT(*) FROM Links"), report.GetProperty("distinctUrls").GetInt32());
        Assert.Equal(JsonValueKind.Array, report.GetProperty("warnings").ValueKind);
        var diff = report.GetProperty("diff");
        Assert.Equal(["topicsAdded", "topicsRemoved", "topicsRenamed", "linksAdded", "linksRemoved", "linksChanged"], diff.EnumerateObject().Select(p => p.Name));
        Assert.Equal(17, diff.GetProperty("topicsAdded").GetArrayLength());
        Assert.Equal(report.GetProperty("distinctUrls").GetInt32(), diff.GetProperty("linksAdded").GetInt32());

        // Logs go to stderr: stdout is the report alone.
        Assert.Contains("Imported " + Seeds.Name, result.Stderr);
    }

    [Fact]
    public async Task ReimportJsonDiffNamesTheChangedTopicsAndCountsDistinctUrls()
    {
        await RunAsync("import", Seeds.OriginalPath);
        var removed = CatalogFile.Scalar(DatabasePath,
            "SELECT COUNT(DISTINCT m.LinkId) FROM Mentions m JOIN Topics t ON t.Id = m.TopicId WHERE t.Slug = 'topology-and-deep-learning'") + 1;

        var result = await RunAsync("import", Seeds.ChangedPath, "--json");

        Assert.Equal(0, result.ExitCode);
        var diff = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("diff");
        Assert.Equal(
            $$"""{"topicsAdded":["Kernel Methods and Deep Learning"],"topicsRemoved":["Topology and Deep Learning"],"topicsRenamed":[{"from":"Deep learning and Optimal Transport","to":"Optimal Transport and Deep Learning"}],"linksAdded":2,"linksRemoved":{{removed}},"linksChanged":2}""",
            diff.GetRawText());
        Assert.Equal(2, CatalogFile.Scalar(DatabasePath, "SELECT Version FROM CatalogState"));
    }

    [Fact]
    public async Task DryRunPrintsTheDiffAndChangesNothing()
    {
        await RunAsync("import", Seeds.OriginalPath);
        var before = CatalogFile.Hash(DatabasePath);

        var result = await RunAsync("import", Seeds.ChangedPath, "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Dry run (nothing written): " + Seeds.Name, result.Stdout);
        Assert.Contains("topics: +1 -1 renamed 1", result.Stdout);
        Assert.Equal(before, CatalogFile.Hash(DatabasePath));
    }

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "empty.md", [], "empty.md: the file is empty." },
        { "binary.md", [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256))], "binary.md: the file looks binary" },
        { "latin1.md", [.. "# Caf"u8, 0xE9, .. "\n\n- https://a.example/\n"u8], "latin1.md: not valid UTF-8 at byte 5 (line 1, column 6)." },
        { "prose.md", "Just some words.\n"u8.ToArray(), "prose.md: the file has no headings and no links" },
        { "Science-Of-Deep-Learning.md", "# Case\n\n- https://case.example/\n"u8.ToArray(), "collides with the existing source science-of-deep-learning.md" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task BadFileExitsNonZeroWithAOneLineReasonAndChangesNothing(string name, byte[] content, string reason)
    {
        await RunAsync("import", Seeds.OriginalPath);
        var before = CatalogFile.Hash(DatabasePath);
        var path = Path.Combine(_folder.FullName, name);
        await File.WriteAllBytesAsync(path, content, TestContext.Current.CancellationToken);

        var result = await RunAsync("import", path, "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Stdout);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(reason, line);
        Assert.Equal(before, CatalogFile.Hash(DatabasePath));
    }

    [Fact]
    public async Task FileOverTheSizeLimitIsRefused()
    {
        await RunAsync("import", Seeds.OriginalPath);
        var before = CatalogFile.Hash(DatabasePath);

        var result = await RunAsync(new Dictionary<string, string> { ["Catalog__MaxSeedBytes"] = "1000" }, "import", Seeds.ChangedPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^science-of-deep-learning\.md: [\d,]+ bytes is over the size limit of 1,000 bytes\.$", result.Stderr.Trim());
        Assert.Equal(before, CatalogFile.Hash(DatabasePath));
    }

    [Fact]
    public async Task MissingFileExitsNonZero()
    {
        var result = await RunAsync("import", Path.Combine(_folder.FullName, "nope.md"));

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith("nope.md: no such file.", result.Stderr.Trim());
    }

    [Fact]
    public async Task RemovingMostLinksNeedsYes()
    {
        await RunAsync("import", Seeds.OriginalPath);
        var small = Path.Combine(_folder.FullName, Seeds.Name);
        await File.WriteAllTextAsync(small, "# Science of Deep Learning\n\n- https://stats385.github.io/\n", TestContext.Current.CancellationToken);
        var before = CatalogFile.Hash(DatabasePath);

        var refused = await RunAsync("import", small);

        Assert.Equal(3, refused.ExitCode);
        Assert.EndsWith("Run again with --yes to apply it.", refused.Stderr.Trim());
        Assert.Equal(before, CatalogFile.Hash(DatabasePath));
        Assert.Equal(0, (await RunAsync("import", small, "--yes")).ExitCode);
        Assert.Equal(1, CatalogFile.Scalar(DatabasePath, "SELECT COUNT(*) FROM Links"));
    }

    [Fact]
    public async Task UsageErrorsExitTwoWithOneLineAndTheVerbsUsage()
    {
        var missing = await RunAsync("import");
        var unknownOption = await RunAsync("import", Seeds.OriginalPath, "--force");

        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("Required argument 'file.md' missing", missing.Stderr);
        Assert.Equal(2, unknownOption.ExitCode);
        Assert.StartsWith("Unrecognized command or argument '--force'.", unknownOption.Stderr);
        Assert.Contains("Catalog.Web import <file.md> [options]", unknownOption.Stderr);
        Assert.Empty(unknownOption.Stdout);
        Assert.False(File.Exists(DatabasePath));
    }

    [Theory]
    [InlineData("link", "check")]
    [InlineData("serve")]
    [InlineData("imprt", "seed.md")]
    public async Task AnUnknownVerbExitsTwoWithTheCommandsInsteadOfServing(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n');
        Assert.Equal($"Unknown command '{args[0]}'. The commands are listed below.", lines[0]);
        Assert.Contains(lines, l => l.TrimStart().StartsWith("import <file.md>", StringComparison.Ordinal));
        Assert.DoesNotContain("Now listening", result.Stderr + result.Stdout);
    }

    [Theory]
    [InlineData("import", "Catalog.Web import <file.md> [options]", "--dry-run")]
    [InlineData("backup", "Catalog.Web backup <target.db> [options]", "target.db")]
    [InlineData("hash-password", "Catalog.Web hash-password [options]", "Catalog:AdminPasswordHash")]
    public async Task EveryVerbHasHelp(string verb, string usage, string mentions)
    {
        var result = await RunAsync(verb, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(usage, result.Stdout);
        Assert.Contains(mentions, result.Stdout);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task HelpListsEveryVerb()
    {
        var result = await RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var verb in new[] { "import <file.md>", "backup <target.db>", "hash-password" })
        {
            Assert.Contains(verb, result.Stdout);
        }
    }

    [Fact]
    public async Task VersionPrintsTheVersionAndServesNothing()
    {
        var result = await RunAsync("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Stdout.Trim());
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public async Task ASettingSwitchBesideAVerbIsConfigurationNotAnOption()
    {
        var result = await RunAsync("import", Seeds.ChangedPath, "--Catalog:MaxSeedBytes=1000");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("over the size limit of 1,000 bytes", result.Stderr);
    }

    [Fact]
    public async Task ATakenPortIsOneLineNamingItAndHowToChooseAnother()
    {
        var (result, url) = await ServeOnATakenPortAsync([]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Cannot serve: Failed to bind to address {url}: address already in use. Choose another address with --urls", result.Stderr);
        Assert.Contains("ASPNETCORE_URLS", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("3")]
    public async Task TheServerRunsRequestsOnOneWorkerThreadACoreOrTheNumberConfigured(string? configured)
    {
        // The limit is set before the server binds its address: a taken port ends the run right after it.
        var (result, _) = await ServeOnATakenPortAsync(configured is null ? [] : new() { ["Catalog__WorkerThreads"] = configured });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Requests run on at most {configured ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)} thread-pool worker threads", result.Stdout);
    }

    [Fact]
    public async Task WorkerThreadsZeroLeavesTheThreadPoolItsOwnLimit()
    {
        var (result, _) = await ServeOnATakenPortAsync(new() { ["Catalog__WorkerThreads"] = "0" });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Cannot serve", result.Stderr);
        Assert.DoesNotContain("worker threads", result.Stdout);
    }

    // The server started (no seeds imported) on an address another listener holds, with these settings as well.
    private async Task<(Result Result, string Url)> ServeOnATakenPortAsync(Dictionary<string, string> settings)
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}";
        settings["Catalog__ImportSeedsOnStart"] = "false";
        return (await RunAsync(settings, "--urls", url), url);
    }

    [Fact]
    public async Task HashPasswordPrintsAHashThatVerifies()
    {
        var result = await RunAsync(stdin: "s3cret words\n", args: ["hash-password"]);

        Assert.Equal(0, result.ExitCode);
        var hash = result.Stdout.Trim();
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<object>().VerifyHashedPassword(new object(), hash, "s3cret words"));
    }

    private sealed record Result(int ExitCode, string Stdout, string Stderr);

    private Task<Result> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), null, args);

    private Task<Result> RunAsync(Dictionary<string, string> environment, params string[] args) => RunAsync(environment, null, args);

    private Task<Result> RunAsync(string stdin, string[] args) => RunAsync(new Dictionary<string, string>(), stdin, args);

    // As users run it: the Production environment, whatever the test host's is.
    private async Task<Result> RunAsync(Dictionary<string, string> environment, string? stdin, string[] args)
    {
        var production = new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Production", ["ASPNETCORE_ENVIRONMENT"] = "Production" };
        foreach (var (name, value) in environment)
        {
            production[name] = value;
        }

        var (exitCode, stdout, stderr) = await CatalogProcess.RunWithInputAsync(DatabasePath, production, stdin ?? "", args);
        return new Result(exitCode, stdout, stderr);
    }
}
