using System.Text;

namespace Catalog.Web.Export;

/// <summary>One generated output: its bytes and how HTTP names it.</summary>
/// <param name="Inline">Shown by the browser or a feed reader (feeds) rather than saved as a download.</param>
public sealed record ExportFile(byte[] Content, string ContentType, string FileName, bool Inline = false)
{
    public static ExportFile Text(string text, string contentType, string fileName) =>
        new(new UTF8Encoding(false).GetBytes(text), contentType, fileName);
}
