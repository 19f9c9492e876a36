using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text;

namespace InstagramMessaging.Testing.Tests;

// A curl command line (the subset Meta's documentation uses: -X, -H, -d/--data, -i, the URL) turned into the
// HttpRequestMessage curl itself would send: the data bytes exactly as written (curl --data sends a literal
// unchanged, newlines included), Content-Type application/x-www-form-urlencoded unless a -H sets it, curl's own
// Accept and User-Agent. The URL's scheme, host and port are moved to the server under test.
internal sealed class CurlCommand
{
    private CurlCommand(string method, Uri url, IReadOnlyList<(string Name, string Value)> headers, string? data)
    {
        Method = method;
        Url = url;
        Headers = headers;
        Data = data;
    }

    public string Method { get; }

    public Uri Url { get; }

    public IReadOnlyList<(string Name, string Value)> Headers { get; }

    public string? Data { get; }

    public static CurlCommand Parse(string commandLine)
    {
        var words = ShellWords(commandLine);
        if (words.Count == 0 || words[0] != "curl")
        {
            throw new FormatException("A curl command starts with 'curl'.");
        }

        string? method = null;
        Uri? url = null;
        var headers = new List<(string, string)>();
        var data = new List<string>();
        for (var i = 1; i < words.Count; i++)
        {
            switch (words[i])
            {
                case "-i" or "--include":
                    break;
                case "-X" or "--request":
                    method = words[++i];
                    break;
                case "-H" or "--header":
                    var header = words[++i];
                    var colon = header.IndexOf(':', StringComparison.Ordinal);
                    headers.Add((header[..colon].Trim(), header[(colon + 1)..].Trim()));
                    break;
                case "-d" or "--data":
                    data.Add(words[++i].StartsWith('@') ? throw new FormatException("Data from a file is not supported.") : words[i]);
                    break;
                case var word when word.StartsWith('-'):
                    throw new FormatException($"Option {word} is not supported.");
                default:
                    url = url is null ? new Uri(words[i]) : throw new FormatException("More than one URL.");
                    break;
            }
        }

        return new CurlCommand(
            method ?? (data.Count > 0 ? "POST" : "GET"),
            url ?? throw new FormatException("No URL."),
            headers,
            data.Count > 0 ? string.Join("&", data) : null);
    }

    public HttpRequestMessage ToRequest(Uri server)
    {
        var target = new UriBuilder(Url) { Scheme = server.Scheme, Host = server.Host, Port = server.Port }.Uri;
        var request = new HttpRequestMessage(new HttpMethod(Method), target);
        request.Headers.TryAddWithoutValidation("User-Agent", "curl/8.14.1");
        request.Headers.TryAddWithoutValidation("Accept", "*/*");
        var contentType = "application/x-www-form-urlencoded";
        foreach (var (name, value) in Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (Data is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Data));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return request;
    }

    // POSIX shell words: 'single quotes' literal, "double quotes" with \" \\ \$ \` escapes, backslash-newline
    // joins lines, whitespace separates.
    private static List<string> ShellWords(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length && line[i + 1] is '\n' or '\r')
            {
                i += line[i + 1] == '\r' && i + 2 < line.Length && line[i + 2] == '\n' ? 2 : 1;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                inWord = true;
            }
            else if (c == '\'')
            {
                var end = line.IndexOf('\'', i + 1);
                word.Append(line, i + 1, (end < 0 ? throw new FormatException("Unclosed single quote.") : end) - i - 1);
                i = end;
                inWord = true;
            }
            else if (c == '"')
            {
                for (i++; i < line.Length && line[i] != '"'; i++)
                {
                    word.Append(line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`' ? line[++i] : line[i]);
                }

                if (i >= line.Length)
                {
                    throw new FormatException("Unclosed double quote.");
                }

                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
