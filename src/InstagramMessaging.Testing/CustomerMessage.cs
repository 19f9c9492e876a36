namespace InstagramMessaging.Testing;

// What the emulator remembers of a message the simulated customer wrote: how often it was edited, whether deleted.
internal sealed class CustomerMessage
{
    public int Edits { get; set; }

    public bool Deleted { get; set; }
}
