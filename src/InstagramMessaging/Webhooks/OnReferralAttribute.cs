using System;

namespace InstagramMessaging.Webhooks;

/// <summary>
/// Routes referrals into an existing conversation (<see cref="ReferralEvent"/>: an ad, an ig.me link) to this method.
/// The method takes a <see cref="ReferralEvent"/> (or a base type of it) and optionally a
/// <see cref="System.Threading.CancellationToken"/>, and returns <see cref="System.Threading.Tasks.Task"/> or
/// <see cref="System.Threading.Tasks.ValueTask"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnReferralAttribute : Attribute
{
}
