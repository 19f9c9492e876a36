namespace InstagramMessaging.Testing;

/// <summary>Which of Meta's two Instagram setups an app uses; their dashboards' Test deliveries differ.</summary>
public enum WebhookLoginFlavor
{
    /// <summary>Business Login for Instagram (Instagram User token, <c>graph.instagram.com</c>).</summary>
    InstagramLogin,

    /// <summary>Facebook Login: the Instagram account linked to a Facebook Page (Page token, <c>graph.facebook.com</c>).</summary>
    FacebookLogin,
}
