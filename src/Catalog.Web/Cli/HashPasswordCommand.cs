using System.CommandLine;
using Microsoft.AspNetCore.Identity;

namespace Catalog.Web.Cli;

/// <summary><c>hash-password</c>: reads a password (one line on stdin, or a hidden prompt) and prints its hash.</summary>
public static class HashPasswordCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("hash-password", "Read a password (stdin or prompt) and print a hash for Catalog:AdminPasswordHash.");
        command.SetAction(_ => Run(context));
        return command;
    }

    /// <returns>0 done, 2 no password given.</returns>
    private static int Run(CliContext context)
    {
        var password = Console.IsInputRedirected ? Console.In.ReadLine() : ReadHidden("Password: ");
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("hash-password: no password given.");
            return CatalogCommandLine.Usage;
        }

        context.Out.WriteLine(new PasswordHasher<object>().HashPassword(new object(), password));
        return 0;
    }

    private static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var chars = new List<char>();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && chars.Count > 0)
            {
                chars.RemoveAt(chars.Count - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                chars.Add(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return new string([.. chars]);
    }
}
