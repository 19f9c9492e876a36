using System;
using System.Threading;
using System.Threading.Tasks;

namespace InstagramMessaging.Testing;

// The failures EmulatorFaults asks for, around a messages call: a delay and the faults that stop it before it is
// processed, then those that lose or garble the answer of a call that was processed.
internal static class FaultInjection
{
    public static async Task<(EmulatedFault Fault, EmulatedResponse? Answer)> BeforeAsync(EmulatorFaults faults, TimeProvider time, CancellationToken cancellationToken)
    {
        if (faults.Delay > TimeSpan.Zero)
        {
            await Task.Delay(faults.Delay, time, cancellationToken).ConfigureAwait(false);
        }

        var fault = faults.Next();
        return fault switch
        {
            EmulatedFault.DropBeforeProcessing => (fault, new EmulatedResponse(0, string.Empty) { Drop = fault }),
            EmulatedFault.TransientError => (fault, EmulatorResponses.Error(new GraphError(503, 2, null, "(#2) Service temporarily unavailable", IsTransient: true))),
            EmulatedFault.ServerError => (fault, EmulatorResponses.Error(new GraphError(500, 1, null, "An unknown error occurred", IsTransient: true))),
            _ => (fault, null),
        };
    }

    public static EmulatedResponse After(EmulatedFault fault, EmulatedResponse answer) => fault switch
    {
        EmulatedFault.DropAfterProcessing => answer with { Drop = fault },
        EmulatedFault.GatewayErrorAfterProcessing => new EmulatedResponse(502, "<html><body><h1>502 Bad Gateway</h1></body></html>") { Drop = fault },
        _ => answer,
    };
}
