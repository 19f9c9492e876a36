using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace InstagramMessaging.Testing;

// messenger_profile?platform=instagram: ice breakers and persistent menu, as the platform stores and checks them.
internal sealed class ProfileHandler
{
    private const int MaxIceBreakers = 4;
    private readonly object _gate = new();
    private JsonNode? _iceBreakers;
    private JsonNode? _persistentMenu;

    public EmulatedResponse Handle(EmulatedRequest request, RequestParameters parameters, Func<GraphError, EmulatedResponse> error)
    {
        // Meta's samples put platform=instagram in the query; a JSON or form body may carry it too.
        var platformInBody = parameters.BodyError is null && SendRequestValidator.IsString(parameters.Body, "platform", "instagram");
        if (!(parameters.Query.TryGetValue("platform", out var platform) && platform == "instagram") && !platformInBody)
        {
            return error(GraphError.InvalidParameter("messenger_profile for Instagram needs platform=instagram."));
        }

        switch (request.Method.ToUpperInvariant())
        {
            case "GET":
                return Get(request);
            case "POST":
                return Post(parameters, error);
            case "DELETE":
                return Delete(parameters, error);
            default:
                return error(GraphError.InvalidParameter($"Unsupported {request.Method} request."));
        }
    }

    // Ice breakers (question, payload) and persistent-menu postbacks (title, payload): every customer is offered them.
    public System.Collections.Generic.List<(string Payload, string Title)> OfferedPostbacks()
    {
        var offered = new System.Collections.Generic.List<(string Payload, string Title)>();
        lock (_gate)
        {
            foreach (var (settings, titleName) in new[] { (_iceBreakers, "question"), (_persistentMenu, "title") })
            {
                foreach (var action in (settings as JsonArray ?? new JsonArray()).SelectMany(l => l?["call_to_actions"] as JsonArray ?? new JsonArray()))
                {
                    if (action?["payload"] is JsonValue payload && payload.GetValueKind() == JsonValueKind.String
                        && action[titleName] is JsonValue title && title.GetValueKind() == JsonValueKind.String)
                    {
                        offered.Add((payload.GetValue<string>(), title.GetValue<string>()));
                    }
                }
            }
        }

        return offered;
    }

    private EmulatedResponse Get(EmulatedRequest request)
    {
        var data = new JsonObject();
        lock (_gate)
        {
            if (request.PathAndQuery.Contains("ice_breakers", StringComparison.Ordinal) && _iceBreakers is not null)
            {
                data["ice_breakers"] = _iceBreakers.DeepClone();
            }

            if (request.PathAndQuery.Contains("persistent_menu", StringComparison.Ordinal) && _persistentMenu is not null)
            {
                data["persistent_menu"] = _persistentMenu.DeepClone();
            }
        }

        var answer = new JsonObject { ["data"] = data.Count == 0 ? new JsonArray() : new JsonArray(data) };
        return new EmulatedResponse(200, answer.ToJsonString());
    }

    private EmulatedResponse Post(RequestParameters parameters, Func<GraphError, EmulatedResponse> error)
    {
        if (parameters.BodyError is { } bodyError)
        {
            return error(bodyError);
        }

        if (ToNode(parameters.Body) is not JsonObject settings || (!settings.ContainsKey("ice_breakers") && !settings.ContainsKey("persistent_menu")))
        {
            return error(GraphError.InvalidParameter("Set ice_breakers or persistent_menu."));
        }

        var iceBreakers = settings["ice_breakers"];
        var menu = settings["persistent_menu"];
        if (iceBreakers is not null && CheckLocales(iceBreakers, ValidIceBreakers) is { } iceError)
        {
            return error(GraphError.InvalidParameter(iceError));
        }

        if (menu is not null && CheckLocales(menu, ValidMenu) is { } menuError)
        {
            return error(GraphError.InvalidParameter(menuError));
        }

        lock (_gate)
        {
            _iceBreakers = iceBreakers?.DeepClone() ?? _iceBreakers;
            _persistentMenu = menu?.DeepClone() ?? _persistentMenu;
        }

        return new EmulatedResponse(200, """{"result":"success"}""");
    }

    private EmulatedResponse Delete(RequestParameters parameters, Func<GraphError, EmulatedResponse> error)
    {
        if (parameters.BodyError is { } bodyError)
        {
            return error(bodyError);
        }

        string[] fields;
        try
        {
            fields = ToNode(parameters.Body)?["fields"]?.AsArray().Select(f => f?.GetValue<string>() ?? string.Empty).ToArray() ?? Array.Empty<string>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return error(GraphError.InvalidParameter("DELETE needs a body {\"fields\":[...]}."));
        }

        if (fields.Length == 0 || fields.Any(f => f is not ("ice_breakers" or "persistent_menu")))
        {
            return error(GraphError.InvalidParameter("fields must name ice_breakers or persistent_menu."));
        }

        lock (_gate)
        {
            _iceBreakers = fields.Contains("ice_breakers") ? null : _iceBreakers;
            _persistentMenu = fields.Contains("persistent_menu") ? null : _persistentMenu;
        }

        return new EmulatedResponse(200, """{"result":"success"}""");
    }

    private static JsonNode? ToNode(JsonElement body) => JsonNode.Parse(body.GetRawText());

    private static string? CheckLocales(JsonNode node, Func<JsonArray, string?> checkActions)
    {
        if (node is not JsonArray locales || locales.Count == 0)
        {
            return "Each setting is an array of locales.";
        }

        if (!locales.Any(l => l?["locale"]?.GetValueKind() == JsonValueKind.String && l["locale"]!.GetValue<string>() == "default"))
        {
            return "A 'default' locale is required.";
        }

        foreach (var locale in locales)
        {
            if (locale?["call_to_actions"] is not JsonArray actions || actions.Count == 0)
            {
                return "Each locale needs call_to_actions.";
            }

            if (checkActions(actions) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? ValidIceBreakers(JsonArray actions)
    {
        if (actions.Count > MaxIceBreakers)
        {
            return $"At most {MaxIceBreakers} ice breakers per locale.";
        }

        return actions.All(a => NonEmpty(a, "question") && NonEmpty(a, "payload")) ? null : "Each ice breaker needs a question and a payload.";
    }

    private static string? ValidMenu(JsonArray actions)
        => SendRequestValidator.Buttons(JsonDocument.Parse(actions.ToJsonString()).RootElement, 1, int.MaxValue) is { } problem ? problem.Message : null;

    private static bool NonEmpty(JsonNode? node, string name)
        => node?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length > 0;
}
