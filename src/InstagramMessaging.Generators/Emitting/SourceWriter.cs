using System;
using System.Collections.Concurrent;
using System.Text;

namespace InstagramMessaging.Generators.Emitting;

/// <summary>A text writer with indentation, for generated C#.</summary>
internal sealed class SourceWriter
{
    // Text that is the same for every contract at a given indentation, written once per generator load.
    private static readonly ConcurrentDictionary<(string Key, int Indent), string> s_fixedText = new();

    private readonly StringBuilder _text = new(4096);
    private readonly StringBuilder _pendingJson = new();
    private int _indent;

    /// <summary>
    /// Writes <c>json.WriteRaw("...")</c> for a constant JSON fragment; adjacent fragments become one copy
    /// (<c>{"a":</c> then <c>"b":</c> is written as <c>{"a":"b":</c>).
    /// </summary>
    public void JsonFragment(string fragment) => _pendingJson.Append(fragment.Replace("\"", "\\\""));

    /// <summary>Writes text that does not depend on the contract, from a cache keyed by <paramref name="key"/> and the indentation.</summary>
    public void Fixed(string key, Action<SourceWriter> write)
    {
        FlushJson();
        _text.Append(s_fixedText.GetOrAdd((key, _indent), k =>
        {
            var writer = new SourceWriter { _indent = k.Indent };
            write(writer);
            return writer.ToString();
        }));
    }

    public void Line(string line = "")
    {
        FlushJson();
        if (line.Length > 0)
        {
            _text.Append(' ', _indent * 4);
        }

        _text.Append(line).Append('\n');
    }

    public void Open(string line)
    {
        Line(line);
        Line("{");
        _indent++;
    }

    public void Close(string suffix = "")
    {
        FlushJson();
        _indent--;
        Line("}" + suffix);
    }

    /// <summary>Indents what follows one level without a brace (a <c>case</c> section).</summary>
    public void Indent()
    {
        FlushJson();
        _indent++;
    }

    public void Outdent()
    {
        FlushJson();
        _indent--;
    }

    public override string ToString()
    {
        FlushJson();
        return _text.ToString();
    }

    private void FlushJson()
    {
        if (_pendingJson.Length == 0)
        {
            return;
        }

        _text.Append(' ', _indent * 4).Append("json.WriteRaw(\"").Append(_pendingJson).Append("\"u8);\n");
        _pendingJson.Clear();
    }
}
