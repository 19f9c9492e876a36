using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using InstagramMessaging.Benchmarks.WebhookDtos;
using InstagramMessaging.Webhooks;

namespace InstagramMessaging.Benchmarks;

/// <summary>
/// The webhook parser against <see cref="JsonSerializer.Deserialize{TValue}(ReadOnlySpan{byte}, System.Text.Json.Serialization.Metadata.JsonTypeInfo{TValue})"/>
/// into equivalent DTOs with System.Text.Json's source generator (what a careful hand-written receiver would use).
/// </summary>
public static class WebhookParserBenchmark
{
    private const string Account = "17841405822304914";

    /// <summary>
    /// Per body: the parser's speed-up over the DTOs, and the floor's (only tokenizing the body and creating its
    /// string values, which any parser must do), with bytes allocated per parse by the parser and by the DTOs. A second
    /// floor does the same with one non-inlined call to <see cref="Utf8JsonReader.Read"/> per token: the first floor is
    /// one flat loop into which the JIT inlines the whole tokenizer, which a parser that reads nested objects in their
    /// own methods (many call sites) does not get.
    /// </summary>
    /// <param name="threadCpu">Time each candidate by this thread's CPU time instead of the wall clock (robust to other processes on a shared machine).</param>
    public static IEnumerable<(string Name, Interleaved.Result Parser, Interleaved.Result Floor, Interleaved.Result FloorCalled, double Ours, double Stj)> Run(bool threadCpu = false)
    {
        foreach (var (name, body) in Bodies())
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            var results = Interleaved.Compare("STJ source-generated DTOs", new Dictionary<string, Action>
            {
                ["STJ source-generated DTOs"] = () => JsonSerializer.Deserialize(bytes, WebhookDtoContext.Default.WebhookDto),
                ["parser"] = () => InstagramWebhookParser.Parse(bytes),
                ["floor"] = () => TokenizeAndCreateStrings(bytes),
                ["floor, Read called"] = () => TokenizeAndCreateStringsReadCalled(bytes),
            }, rounds: threadCpu ? 31 : 15, perMeasurement: threadCpu ? TimeSpan.FromMilliseconds(20) : null, clock: threadCpu ? ThreadCpuTime.NowMilliseconds : null);
            var ours = Interleaved.AllocatedPerCall(() => InstagramWebhookParser.Parse(bytes));
            var stj = Interleaved.AllocatedPerCall(() => JsonSerializer.Deserialize(bytes, WebhookDtoContext.Default.WebhookDto));
            yield return (name, results.Single(r => r.Candidate == "parser"), results.Single(r => r.Candidate == "floor"), results.Single(r => r.Candidate == "floor, Read called"), ours, stj);
        }
    }

    /// <summary>Runs one candidate ("parser", "stj", "floor" or "tokenize": the floor's loop without strings) over the batch body (or the one message) for a while, for a profiler.</summary>
    public static void Loop(string candidate, TimeSpan duration, bool single = false)
    {
        var bytes = Encoding.UTF8.GetBytes(Bodies().ElementAt(single ? 0 : 1).Body);
        Action action = candidate switch
        {
            "stj" => () => JsonSerializer.Deserialize(bytes, WebhookDtoContext.Default.WebhookDto),
            "floor" => () => TokenizeAndCreateStrings(bytes),
            "tokenize" => () => Tokenize(bytes),
            _ => () => InstagramWebhookParser.Parse(bytes),
        };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var cpuStart = ThreadCpuTime.NowMilliseconds();
        long calls = 0;
        while (watch.Elapsed < duration)
        {
            for (var i = 0; i < 1000; i++)
            {
                action();
            }

            calls += 1000;
        }

        var cpu = ThreadCpuTime.NowMilliseconds() - cpuStart;
        Console.WriteLine($"{candidate}: {calls} parses, {watch.Elapsed.TotalMilliseconds * 1000 / calls:0.00} us per parse (thread CPU {cpu * 1000 / calls:0.00} us), {Interleaved.AllocatedPerCall(action):0} B allocated per parse");
    }

    // The floor's loop without the strings: the tokenizer alone, inlined into one flat loop.
    private static int Tokenize(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        var count = 0;
        while (reader.Read())
        {
            count++;
        }

        return count;
    }

    private static int TokenizeAndCreateStrings(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        var count = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                count += reader.GetString()!.Length;
            }
        }

        return count;
    }

    // Tokenizes like the floor, with Read behind a call the JIT does not inline (as in a parser with many call sites).
    private static int TokenizeAndCreateStringsReadCalled(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        var count = 0;
        while (ReadCalled(ref reader))
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                count += reader.GetString()!.Length;
            }
        }

        return count;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static bool ReadCalled(ref Utf8JsonReader reader) => reader.Read();

    private static IEnumerable<(string Name, string Body)> Bodies()
    {
        yield return ("one text message", Envelope(Mixed(0, "")));
        yield return ("batch of 20 mixed events", Envelope(string.Join(",", Enumerable.Range(0, 20).Select(i => Mixed(i, "")))));

        // The same shapes with no value repeated (every text, payload, title and reaction made distinct): what sharing
        // repeated values costs when nothing repeats.
        yield return ("the batch, no value repeated", Envelope(string.Join(",", Enumerable.Range(0, 20).Select(i => Mixed(i, " " + i)))));
    }

    private static string Mixed(int i, string distinct) => (i % 5) switch
    {
        0 => Item(i, "\"message\":{\"mid\":\"" + Mid(i) + "\",\"text\":\"Hi! Is the blue jacket still in stock?" + distinct + " \\ud83d\\ude0a\"}"),
        1 => Item(i, "\"message\":{\"mid\":\"" + Mid(i) + "\",\"attachments\":[{\"type\":\"image\",\"payload\":{\"url\":\"https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1804658193225701" + i + "&signature=AbxQ2fZ\"}}]}"),
        2 => Item(i, "\"reaction\":{\"mid\":\"" + Mid(i - 1) + "\",\"action\":\"react\",\"reaction\":\"love" + distinct + "\",\"emoji\":\"\\u2764\\ufe0f" + distinct + "\"}"),
        3 => Item(i, "\"message\":{\"mid\":\"" + Mid(i) + "\",\"text\":\"Track my order" + distinct + "\",\"quick_reply\":{\"payload\":\"ORDER_STATUS" + distinct + "\"}}"),
        _ => Item(i, "\"postback\":{\"mid\":\"" + Mid(i) + "\",\"title\":\"What are your opening hours?" + distinct + "\",\"payload\":\"ICEBREAKER_HOURS" + distinct + "\"}"),
    };

    private static string Envelope(string items) => "{\"object\":\"instagram\",\"entry\":[{\"time\":1781520016812,\"id\":\"" + Account + "\",\"messaging\":[" + items + "]}]}";

    private static string Item(int i, string payload)
        => "{\"sender\":{\"id\":\"72419803650281" + (10 + i) + "\"},\"recipient\":{\"id\":\"" + Account + "\"},\"timestamp\":17815200153" + (10 + i) + "," + payload + "}";

    private static string Mid(int i) => "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1ODIyMzA0OTE0OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI2MDE5ODc2NTQzMjEwOjMyODg4NzYxMDk5NTQ3MDkxMjM0NTY3ODkwMTIzNDU2" + i + "ZDZD";
}
