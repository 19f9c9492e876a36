namespace InstagramMessaging;

/// <summary>The rate-limit classes Meta counts Instagram sends in, per account.</summary>
public enum TrafficClass
{
    /// <summary>Text, links, reactions, stickers, templates, images and sender actions: 100 calls/s by default.</summary>
    Text,

    /// <summary>Audio and video: 10 calls/s.</summary>
    AudioVideo,
}

/// <summary>Marks a message counted as audio or video; the generator adds it to audio and video contracts.</summary>
public interface IAudioVideoMessage : IInstagramMessage
{
}
