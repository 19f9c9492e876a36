using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using System.Threading;
using System;
using InstagramMessaging.Serialization;

namespace InstagramMessaging.Transport;

// What the retry pipeline runs once the first attempt has failed: its first "attempt" hands back that failure
// (so the pipeline decides about it as if it had made it), the next ones send again.
internal sealed class RetryState(Func<GraphCall, CancellationToken, ValueTask<GraphResponse>> attempt, GraphCall call, ExceptionDispatchInfo first)
{
    private ExceptionDispatchInfo? _first = first;

    public ValueTask<GraphResponse> NextAsync(CancellationToken token)
    {
        if (Interlocked.Exchange(ref _first, null) is { } failure)
        {
            return ValueTask.FromException<GraphResponse>(failure.SourceException);
        }

        return attempt(call, token);
    }
}
