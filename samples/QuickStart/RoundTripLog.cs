using System;
using System.Threading.Tasks;
using InstagramMessaging;

namespace QuickStart;

/// <summary>Prints the round trip and lets the sample wait for the bot's answer.</summary>
public sealed class RoundTripLog
{
    private readonly TaskCompletionSource<SendResult> _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<SendResult> Answered() => _answered.Task;

    public void Received(string customer, string text) => Console.WriteLine($"Webhook          <- customer {customer} wrote \"{text}\"");

    public void Answered(SendResult answer)
    {
        Console.WriteLine($"Bot answered     -> message id {answer.MessageId}");
        _answered.TrySetResult(answer);
    }
}
