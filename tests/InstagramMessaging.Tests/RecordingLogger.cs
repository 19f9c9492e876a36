using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace InstagramMessaging.Tests;

// Writes "log:{EventName}" for every line, in order, into a shared event list.
internal sealed class RecordingLogger(ConcurrentQueue<string> events) : ILogger<InstagramMessenger>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => events.Enqueue("log:" + eventId.Name);
}
