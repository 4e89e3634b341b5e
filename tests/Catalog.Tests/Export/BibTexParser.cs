using System.Text;

namespace Catalog.Tests.Export;

/// <summary>
/// A reader of .bib files written from the BibTeX manual (Patashnik, "BibTeXing", section 2 and appendix) and
/// btparse's grammar: text outside entries is ignored; an entry is @type, then { or (, a key, and comma-separated
/// field = value pairs; a value is braced text (braces balanced), quoted text (braces balanced, no quote at depth
/// zero), a number or a macro name, joined with #. @string defines macros, @comment and @preamble are skipped.
/// Anything else fails the test that called it, with the position.
/// </summary>
public sealed class BibTexParser(string text)
{
    public sealed record Entry(string Type, string Key, IReadOnlyList<(string Name, string Value)> Fields)
    {
        public string? this[string name] => Fields.Where(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)).Select(f => f.Value).FirstOrDefault();
    }

    private readonly Dictionary<string, string> _macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = "January", ["feb"] = "February", ["mar"] = "March", ["apr"] = "April", ["may"] = "May", ["jun"] = "June",
        ["jul"] = "July", ["aug"] = "August", ["sep"] = "September", ["oct"] = "October", ["nov"] = "November", ["dec"] = "December",
    };

    private int _i;

    public static List<Entry> Parse(string text) => new BibTexParser(text).All();

    private List<Entry> All()
    {
        var entries = new List<Entry>();
        while ((_i = text.IndexOf('@', _i)) >= 0)
        {
            _i++;
            var type = Name().ToLowerInvariant();
            SkipSpace();
            var close = Expect('{', '(') == '{' ? '}' : ')';
            switch (type)
            {
                case "comment":
                    Balanced(close == '}' ? '{' : '(', close);
                    continue;
                case "preamble":
                    SkipSpace();
                    Value();
                    SkipSpace();
                    Expect(close);
                    continue;
                case "string":
                    SkipSpace();
                    var macro = Name();
                    SkipSpace();
                    Expect('=');
                    _macros[macro] = Value();
                    SkipSpace();
                    Expect(close);
                    continue;
            }

            SkipSpace();
            var key = Key(close);
            var fields = new List<(string, string)>();
            SkipSpace();
            while (Peek() == ',')
            {
                _i++;
                SkipSpace();
                if (Peek() == close)
                {
                    break;
                }

                var name = Name();
                SkipSpace();
                Expect('=');
                fields.Add((name.ToLowerInvariant(), Value()));
                SkipSpace();
            }

            Expect(close);
            entries.Add(new Entry(type, key, fields));
        }

        return entries;
    }

    private string Value()
    {
        var value = new StringBuilder();
        while (true)
        {
            SkipSpace();
            var c = Peek();
            if (c == '{')
            {
                _i++;
                value.Append(Balanced('{', '}'));
            }
            else if (c == '"')
            {
                _i++;
                value.Append(Quoted());
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = _i;
                while (_i < text.Length && char.IsAsciiDigit(text[_i]))
                {
                    _i++;
                }

                value.Append(text[start.._i]);
            }
            else
            {
                var macro = Name();
                Assert.True(_macros.ContainsKey(macro), $"undefined macro {macro} at {_i}");
                value.Append(_macros[macro]);
            }

            SkipSpace();
            if (Peek() != '#')
            {
                return value.ToString();
            }

            _i++;
        }
    }

    // After the opening brace: everything to the matching closing one, inner braces kept. BibTeX counts every brace,
    // a backslash before one included.
    private string Balanced(char open, char close)
    {
        var depth = 1;
        var start = _i;
        for (; _i < text.Length; _i++)
        {
            if (text[_i] == open)
            {
                depth++;
            }
            else if (text[_i] == close && --depth == 0)
            {
                return text[start.._i++];
            }
        }

        Assert.Fail($"unbalanced braces from {start}");
        return "";
    }

    private string Quoted()
    {
        var depth = 0;
        var start = _i;
        for (; _i < text.Length; _i++)
        {
            switch (text[_i])
            {
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    Assert.True(depth >= 0, $"unbalanced braces in a quoted value at {_i}");
                    break;
                case '"' when depth == 0:
                    return text[start.._i++];
            }
        }

        Assert.Fail($"unterminated quoted value from {start}");
        return "";
    }

    // A key runs to the first comma, white space or the entry's end.
    private string Key(char close)
    {
        var start = _i;
        while (_i < text.Length && text[_i] != ',' && text[_i] != close && !char.IsWhiteSpace(text[_i]))
        {
            _i++;
        }

        Assert.True(_i > start, $"empty key at {start}");
        return text[start.._i];
    }

    // Field, type and macro names: any printing character but the manual's forbidden ones.
    private string Name()
    {
        var start = _i;
        while (_i < text.Length && !char.IsWhiteSpace(text[_i]) && "\"#%'(),={}".IndexOf(text[_i], StringComparison.Ordinal) < 0)
        {
            _i++;
        }

        Assert.True(_i > start && !char.IsAsciiDigit(text[start]), $"expected a name at {start}");
        return text[start.._i];
    }

    private char Peek() => _i < text.Length ? text[_i] : '\0';

    private char Expect(params char[] expected)
    {
        Assert.True(_i < text.Length && expected.Contains(text[_i]), $"expected {string.Join(" or ", expected)} at {_i}: \"{text[_i..Math.Min(text.Length, _i + 20)]}\"");
        return text[_i++];
    }

    private void SkipSpace()
    {
        while (_i < text.Length && char.IsWhiteSpace(text[_i]))
        {
            _i++;
        }
    }
}
