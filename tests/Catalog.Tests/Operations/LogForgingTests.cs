using System.Net;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Catalog.Tests.Operations;

/// <summary>
/// A visitor controls the request path: percent-encoded newlines and escape sequences in it must reach the log
/// escaped, so no one can write a convincing fake line or clear an operator's terminal.
/// </summary>
public sealed class LogForgingTests(ProductionCatalogFactory factory) : IClassFixture<ProductionCatalogFactory>
{
    // The console sink's default output template: what an operator sees.
    private static readonly MessageTemplateTextFormatter s_console = new("[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}");

    [Theory]
    [InlineData("/topics/x%0A[00:48:00%20INF]%20Admin%20signed%20in", "/topics/x\\n[00:48:00 INF] Admin signed in")]
    [InlineData("/topics/x%0D%0A%1B[2J", "/topics/x\\r\\n\\u001B[2J")]
    [InlineData("/no-such-page%C2%9B31m%E2%80%A8", "/no-such-page\\u009B31m\\u2028")]
    public async Task ControlCharactersInAPathAreLoggedEscaped(string path, string logged)
    {
        using var response = await factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);

        var line = Assert.Single(factory.LogEvents, e => e.MessageTemplate.Text == Catalog.Web.Operations.RequestLogging.MessageTemplate && Text(e, "RequestPath") == logged);
        var rendered = Render(line);
        Assert.Contains(logged, rendered, StringComparison.Ordinal);
        Assert.DoesNotContain(rendered.TrimEnd('\n', '\r'), c => char.IsControl(c) || c is '\u2028' or '\u2029');
        Assert.All(factory.LogEvents.Select(Render), text => Assert.DoesNotContain(text.Replace(Environment.NewLine, "\n", StringComparison.Ordinal).TrimEnd('\n'), c => c is '\u001B' or '\r' or '\u009B'));
    }

    private static string Render(LogEvent e)
    {
        using var writer = new StringWriter();
        s_console.Format(e, writer);
        return writer.ToString();
    }

    private static string? Text(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string s } ? s : null;
}
