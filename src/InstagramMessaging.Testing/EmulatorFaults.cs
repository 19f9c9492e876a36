using System;

namespace InstagramMessaging.Testing;

/// <summary>
/// Failures the emulator injects into <c>messages</c> calls, each with its own probability (0 to 1), drawn from
/// one seeded random sequence so a run can be repeated.
/// </summary>
public sealed class EmulatorFaults
{
    private readonly object _gate = new();
    private Random _random = new(1);
    private int _injected;

    /// <summary>Answer code 2 "temporary" with <c>is_transient:true</c> (HTTP 503); nothing is delivered.</summary>
    public double TransientErrorRate { get; set; }

    /// <summary>Answer HTTP 500 with code 1 and <c>is_transient:true</c>; nothing is delivered.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Drop the connection before the request is processed: the client cannot connect, nothing is delivered.</summary>
    public double DropBeforeProcessingRate { get; set; }

    /// <summary>Process and deliver the message, then drop the connection before answering: the outcome is unknown to the client.</summary>
    public double DropAfterProcessingRate { get; set; }

    /// <summary>
    /// Process and deliver the message, then answer HTTP 502 with a gateway's HTML page instead of Graph's
    /// answer, as a proxy or load balancer does when it loses the backend's reply: the outcome is unknown to the client.
    /// </summary>
    public double GatewayErrorAfterProcessingRate { get; set; }

    /// <summary>A delay before every answer (on the emulator's clock).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Restarts the random sequence.</summary>
    public int Seed
    {
        set
        {
            lock (_gate)
            {
                _random = new Random(value);
            }
        }
    }

    /// <summary>How many faults were injected so far.</summary>
    public int InjectedCount => _injected;

    internal EmulatedFault Next()
    {
        var fault = Draw();
        if (fault != EmulatedFault.None)
        {
            System.Threading.Interlocked.Increment(ref _injected);
        }

        return fault;
    }

    private EmulatedFault Draw()
    {
        double draw;
        lock (_gate)
        {
            draw = _random.NextDouble();
        }

        foreach (var (fault, rate) in new[]
        {
            (EmulatedFault.DropBeforeProcessing, DropBeforeProcessingRate),
            (EmulatedFault.TransientError, TransientErrorRate),
            (EmulatedFault.ServerError, ServerErrorRate),
            (EmulatedFault.DropAfterProcessing, DropAfterProcessingRate),
            (EmulatedFault.GatewayErrorAfterProcessing, GatewayErrorAfterProcessingRate),
        })
        {
            if (draw < rate)
            {
                return fault;
            }

            draw -= rate;
        }

        return EmulatedFault.None;
    }
}

/// <summary>What the emulator did to one request.</summary>
public enum EmulatedFault
{
    /// <summary>Nothing: answered normally.</summary>
    None,

    /// <summary>The connection was dropped before processing; nothing was delivered.</summary>
    DropBeforeProcessing,

    /// <summary>A transient error envelope; nothing was delivered.</summary>
    TransientError,

    /// <summary>An HTTP 500 with a transient envelope; nothing was delivered.</summary>
    ServerError,

    /// <summary>Delivered, then the connection was dropped before the answer.</summary>
    DropAfterProcessing,

    /// <summary>Delivered, then a gateway answered HTTP 502 without Graph's error envelope.</summary>
    GatewayErrorAfterProcessing,
}
