namespace InstagramMessaging;

/// <summary>The rate-limit classes Meta counts Instagram sends in, per account.</summary>
public enum TrafficClass
{
    /// <summary>Text, links, reactions, stickers, templates, images and sender actions: 100 calls/s by default.</summary>
    Text,

    /// <summary>Audio and video: 10 calls/s.</summary>
    AudioVideo,
}
