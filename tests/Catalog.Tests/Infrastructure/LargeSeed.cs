using System.Text;

namespace Catalog.Tests.Infrastructure;

/// <summary>A large seed made from the real one: its topics repeated with distinct titles and URLs.</summary>
public static class LargeSeed
{
    public static string Make(int copies)
    {
        var seed = File.ReadAllText(EmptyCatalogFactory.SeedPath);
        var sb = new StringBuilder(seed.Length * copies);
        for (var i = 0; i < copies; i++)
        {
            sb.Append(seed.Replace("# ", $"# Volume {i} ", StringComparison.Ordinal)
                .Replace("https://", $"https://v{i}.", StringComparison.Ordinal)
                .Replace("http://", $"http://v{i}.", StringComparison.Ordinal));
            sb.Append("\n\n");
        }

        return sb.ToString();
    }
}
