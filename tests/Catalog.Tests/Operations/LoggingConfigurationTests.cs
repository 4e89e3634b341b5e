using Catalog.Tests.Admin;
using Catalog.Tests.Infrastructure;

namespace Catalog.Tests.Operations;

/// <summary>
/// The <c>Serilog</c> section still reaches the sinks that ship with the app now that the configuration reader is given
/// their assemblies instead of scanning the dependency list (Logging.cs).
/// </summary>
public sealed class LoggingConfigurationTests
{
    [Fact]
    public async Task AFileSinkConfiguredInTheSerilogSectionReceivesTheImportsLogLines()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("catalog-log-");
        try
        {
            var log = Path.Combine(folder.FullName, "catalog.log");
            var environment = new Dictionary<string, string>
            {
                ["Serilog__WriteTo__1__Name"] = "File",
                ["Serilog__WriteTo__1__Args__path"] = log,

                // The tests' environment logs warnings only; the import's summary is information.
                ["Serilog__MinimumLevel__Default"] = "Information",
            };

            var import = await CatalogProcess.RunAsync(Path.Combine(folder.FullName, "catalog.db"), environment, "import", Seeds.OriginalPath);

            Assert.True(import.ExitCode == 0, import.Stderr);
            Assert.True(File.Exists(log), "the File sink wrote nothing");
            Assert.Contains("Imported", await File.ReadAllTextAsync(log, ct), StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
