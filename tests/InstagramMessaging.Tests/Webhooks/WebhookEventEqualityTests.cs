using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using InstagramMessaging.Webhooks;
using Xunit;

namespace InstagramMessaging.Tests.Webhooks;

// Events are records compared by value: every public member takes part, and a collection (a message's attachments,
// the apps' roles) is compared item by item, not by reference, so an event read back from a durable queue equals the
// one stored. Checked over every public event type, so a member added later cannot be left out of equality.
public sealed class WebhookEventEqualityTests
{
    public static TheoryData<string> EventTypes()
        => new(typeof(InstagramWebhookEvent).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(InstagramWebhookEvent)) && !t.IsAbstract)
            .Select(t => t.Name));

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Every_member_takes_part_in_equality_and_collections_compare_by_value(string typeName)
    {
        var type = typeof(InstagramWebhookEvent).Assembly.GetExportedTypes().Single(t => t.Name == typeName);
        var members = Settable(type).ToArray();
        Assert.NotEmpty(members);
        Assert.Equal(New(type), New(type)); // the same values in distinct collection instances
        Assert.Equal(New(type).GetHashCode(), New(type).GetHashCode());
        foreach (var member in members)
        {
            var changed = New(type);
            member.SetValue(changed, Value(member.PropertyType, second: true));
            Assert.False(New(type).Equals(changed), $"{type.Name}.{member.Name} does not take part in equality.");
        }
    }

    private static IEnumerable<PropertyInfo> Settable(Type type)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    private static InstagramWebhookEvent New(Type type)
    {
        var created = (InstagramWebhookEvent)Activator.CreateInstance(type)!;
        foreach (var member in Settable(type))
        {
            member.SetValue(created, Value(member.PropertyType, second: false));
        }

        return created;
    }

    // A fresh value of the member's type: two different ones (first, second), equal ones on each call.
    private static object Value(Type type, bool second)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => second ? "two" : "one",
            _ when underlying == typeof(bool) => second,
            _ when underlying == typeof(long) => second ? 2L : 1L,
            _ when underlying == typeof(int) => second ? 2 : 1,
            _ when underlying == typeof(DateTimeOffset) => DateTimeOffset.FromUnixTimeMilliseconds(second ? 2 : 1),
            { IsEnum: true } => Enum.GetValues(underlying).GetValue(second ? 1 : 0)!,
            _ when underlying == typeof(IReadOnlyList<ReceivedAttachment>) => new[] { new ReceivedAttachment { Type = second ? "video" : "image" } },
            _ when underlying == typeof(IReadOnlyDictionary<string, IReadOnlyList<string>>)
                => new Dictionary<string, IReadOnlyList<string>> { ["918273645501234"] = new[] { second ? "secondary_receiver" : "primary_receiver" } },
            _ when underlying == typeof(StoryReply) => new StoryReply { Id = second ? "two" : "one" },
            _ when underlying == typeof(WebhookReferral) => new WebhookReferral { Ref = second ? "two" : "one" },
            _ => throw new NotSupportedException($"Give this test two values of {type} (a new member type of an event)."),
        };
    }
}
