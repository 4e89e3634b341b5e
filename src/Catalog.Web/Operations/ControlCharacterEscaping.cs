using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace Catalog.Web.Operations;

/// <summary>
/// Escapes control characters in every text property of a log event (request paths, file names, queries), so a
/// visitor cannot write a fake log line with a percent-encoded newline or clear an operator's terminal with an escape
/// sequence. The message template renders the escaped value like any other: "\n", "\r", "\t", and "\u001B" for the rest.
/// </summary>
public sealed class ControlCharacterEscaping : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? escaped = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (value is ScalarValue { Value: string text } && NeedsEscaping(text))
            {
                (escaped ??= []).Add(new LogEventProperty(name, new ScalarValue(Escape(text))));
            }
        }

        foreach (var property in escaped ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    // C0 and C1 controls (a terminal reads 0x9B as an escape too), DEL, and the Unicode line and paragraph separators.
    private static bool IsUnsafe(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';

    private static bool NeedsEscaping(string text)
    {
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                return true;
            }
        }

        return false;
    }

    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '\n' => sb.Append("\\n"),
                '\r' => sb.Append("\\r"),
                '\t' => sb.Append("\\t"),
                _ when IsUnsafe(c) => sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }
}
