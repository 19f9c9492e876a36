using System;
using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace InstagramMessaging.Benchmarks;

// The three ways to write one scenario's body into a reused buffer.
public sealed class SerializerCandidates
{
    private static readonly JsonSerializerOptions s_reflection = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly Scenario _scenario;

    public SerializerCandidates(Scenario scenario)
    {
        _scenario = scenario;
        _writer = new Utf8JsonWriter(_buffer);
        if (!Generated().SequenceEqual(StjSourceGenerated()) || !StjSourceGenerated().SequenceEqual(StjReflection()))
        {
            throw new InvalidOperationException($"The candidates write different JSON for '{scenario.Name}'.");
        }
    }

    public ReadOnlySpan<byte> Generated()
    {
        _buffer.ResetWrittenCount();
        _scenario.Contract.WriteTo(_buffer, Scenario.Recipient);
        return _buffer.WrittenSpan;
    }

    public ReadOnlySpan<byte> StjSourceGenerated()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, _scenario.Dto, BodyContext.Default.Body);
        return _buffer.WrittenSpan;
    }

    public ReadOnlySpan<byte> StjReflection()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, _scenario.Dto, s_reflection);
        return _buffer.WrittenSpan;
    }
}
