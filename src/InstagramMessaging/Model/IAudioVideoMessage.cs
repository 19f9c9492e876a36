namespace InstagramMessaging;

/// <summary>Marks a message counted as audio or video; the generator adds it to audio and video contracts.</summary>
public interface IAudioVideoMessage : IInstagramMessage
{
}
