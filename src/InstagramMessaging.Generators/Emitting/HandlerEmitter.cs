using System.Collections.Generic;
using System.Linq;
using InstagramMessaging.Generators.Model;
using InstagramMessaging.Generators.Parsing;
using Microsoft.CodeAnalysis.CSharp;

namespace InstagramMessaging.Generators.Emitting;

/// <summary>Writes the <c>IInstagramWebhookHandler</c> dispatch of one <c>[InstagramWebhookHandler]</c> class.</summary>
internal static class HandlerEmitter
{
    private const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"InstagramMessaging.Generators\", \"1.0.0\")]";
    private const string Events = "global::InstagramMessaging.Webhooks.";

    public static string Emit(HandlerSpec spec)
    {
        var w = new SourceWriter();
        w.OpenFile(spec.Namespace, spec.ContainingTypes);

        w.Open($"partial {spec.Keyword} {spec.TypeName} : {Events}IInstagramWebhookHandler");
        w.Line("/// <summary>Calls the method routed for <paramref name=\"webhookEvent\"/>; an event no method routes is ignored.</summary>");
        w.Line(GeneratedCode);
        w.Open($"public global::System.Threading.Tasks.ValueTask HandleAsync({Events}InstagramWebhookEvent webhookEvent, global::System.Threading.CancellationToken cancellationToken)");
        if (spec.Routes.Count == 0)
        {
            w.Line("return default;");
        }
        else
        {
            w.Open("switch (webhookEvent)");
            EmitCases(w, spec);
            w.Line("default:");
            w.Line("    return default;");
            w.Close();
        }

        w.Close();
        w.Close();

        w.CloseFile(spec.Namespace, spec.ContainingTypes);
        return w.ToStringAndRelease();
    }

    // One case per event type, in the table's order; inside it the payload switch, then the plain route if any.
    private static void EmitCases(SourceWriter w, HandlerSpec spec)
    {
        var byType = new Dictionary<string, List<RouteSpec>>();
        var order = new List<RouteRow>();
        foreach (var row in RouteTable.Rows)
        {
            var routes = spec.Routes.Where(r => r.Kind == row.Kind).ToList();
            if (routes.Count == 0)
            {
                continue;
            }

            if (!byType.TryGetValue(row.EventTypeName, out var list))
            {
                byType[row.EventTypeName] = list = new List<RouteSpec>();
                order.Add(row);
            }

            list.AddRange(routes);
        }

        foreach (var first in order)
        {
            var routes = byType[first.EventTypeName];
            w.Line($"case {Events}{first.EventTypeName} {first.Local}:");
            w.Indent();
            EmitSelfGuard(w, first);
            var payloadRoutes = routes.Where(r => r.Payload is not null).ToList();
            if (payloadRoutes.Count > 0)
            {
                var row = RouteTable.For(payloadRoutes[0].Kind);
                w.Line("// Ordinal: payloads come back exactly as they were sent. A null payload matches no case.");
                w.Open($"switch ({row.Local}.{row.PayloadProperty})");
                foreach (var route in payloadRoutes)
                {
                    w.Line($"case {SymbolDisplay.FormatLiteral(route.Payload!, quote: true)}:");
                    w.Line($"    return {Call(route, row.Local)};");
                }

                w.Close();
                w.Line();
            }

            var plain = routes.FirstOrDefault(r => r.Payload is null);
            w.Line(plain is null ? "return default;" : $"return {Call(plain, first.Local)};");
            w.Outdent();
        }
    }

    // Customer-message routes never see the account's own events (self messaging: answering one would loop) nor
    // events of a thread another app owns (standby: answering would talk over the owner, a human inbox say).
    private static void EmitSelfGuard(SourceWriter w, RouteRow row)
    {
        if (!row.CustomerOnly)
        {
            return;
        }

        var notOurs = $"{row.Local}.SenderId == {row.Local}.AccountId || {row.Local}.IsStandby";
        w.Line("// The account's own event (self messaging), or one from a thread another app owns (standby): never routed,");
        w.Line("// so a bot neither answers itself nor talks over the thread's owner.");
        w.Open(row.SelfFlag is null ? $"if ({notOurs})" : $"if ({row.Local}.{row.SelfFlag} || {notOurs})");
        w.Line("return default;");
        w.Close();
        w.Line();
    }

    // A Task is wrapped in a ValueTask (a struct: nothing allocated); a ValueTask is returned as it is.
    private static string Call(RouteSpec route, string local)
    {
        var argument = route.ParameterCast is null ? local : $"({route.ParameterCast}){local}";
        var call = $"{route.MethodName}({argument}{(route.TakesCancellationToken ? ", cancellationToken" : string.Empty)})";
        return route.ReturnsTask ? $"new global::System.Threading.Tasks.ValueTask({call})" : call;
    }
}
