using System.Linq;
using InstagramMessaging.Generators.Model;

namespace InstagramMessaging.Generators.Emitting;

/// <summary>Writes the <c>IInstagramMessage</c> implementation of one contract.</summary>
internal static class ContractEmitter
{
    private const string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"InstagramMessaging.Generators\", \"1.0.0\")]";
    private const string Json = "global::InstagramMessaging.Serialization.MessageJson";
    private const string Checks = "global::InstagramMessaging.Rules.ContractValidation";
    private const string Violation = "global::InstagramMessaging.MessageRuleViolation";
    private const string DeclaredQuickReplies = "__declaredQuickReplies";

    public static string Emit(ContractSpec spec)
    {
        var w = new SourceWriter();
        w.OpenFile(spec.Namespace, spec.ContainingTypes);

        var images = spec.Members.Where(m => m.Kind == ContentKind.Image).ToArray();
        // Audio and video count against their own, lower rate limit (10/s per account).
        var audioVideo = spec.Members.Any(m => ContentKinds.For(m.Kind).Media is { CountsAsAudioVideo: true });
        w.Open($"partial {spec.Keyword} {spec.TypeName} : global::InstagramMessaging.IInstagramMessage"
            + (images.Length > 0 ? ", global::InstagramMessaging.IMultiImageMessage" : string.Empty)
            + (audioVideo ? ", global::InstagramMessaging.IAudioVideoMessage" : string.Empty));
        EmitWriteToBuffer(w, spec);
        w.Line();
        w.Fixed("WriteTo(Utf8JsonWriter), ToJson", fixedMembers =>
        {
            EmitWriteToWriter(fixedMembers);
            fixedMembers.Line();
            EmitToJson(fixedMembers);
            fixedMembers.Line();
        });
        EmitValidate(w, spec);
        w.Line();
        w.Fixed("SendAsync", EmitSendAsync);
        EmitMultiImage(w, spec, images);
        EmitDeclaredQuickReplies(w, spec);
        w.Close();

        w.CloseFile(spec.Namespace, spec.ContainingTypes);
        return w.ToStringAndRelease();
    }

    private static void EmitWriteToBuffer(SourceWriter w, ContractSpec spec)
    {
        var replyTo = spec.Members.FirstOrDefault(m => m.Kind == ContentKind.ReplyTo);

        w.Line("/// <inheritdoc />");
        w.Line(GeneratedCode);
        w.Open("public void WriteTo(global::System.Buffers.IBufferWriter<byte> output, global::InstagramMessaging.Recipient recipient, global::InstagramMessaging.SendOptions? options = null)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(output);");
        w.Line("var json = new global::InstagramMessaging.Serialization.MessageJsonWriter(output);");
        w.Line($"{Json}.WriteEnvelopeStart(ref json, recipient, options);");
        w.JsonFragment("\"message\":{");
        EmitMessageContent(w, spec);
        w.JsonFragment("}");
        if (replyTo is not null)
        {
            w.Line("// reply_to sits at the top level, beside message; without an id there is none.");
            w.Open($"if (this.{replyTo.Name} is not null)");
            w.JsonFragment(",\"reply_to\":{\"mid\":");
            w.Line($"json.WriteString(this.{replyTo.Name});");
            w.JsonFragment("}");
            w.Close();
            w.Line();
        }

        w.JsonFragment("}");
        w.Line("json.Flush();");
        w.Close();
    }

    private static void EmitMessageContent(SourceWriter w, ContractSpec spec)
    {
        var text = spec.Members.FirstOrDefault(m => m.Kind == ContentKind.Text);
        var media = spec.Members.Where(m => m.IsMedia).ToArray();
        if (spec.IsButtonTemplate)
        {
            w.JsonFragment("\"attachment\":{\"type\":\"template\",\"payload\":{\"template_type\":\"button\",\"text\":");
            w.Line($"json.WriteString(this.{text!.Name});");
            w.JsonFragment(",\"buttons\":[");
            w.Line("var buttons = 0;");
            foreach (var button in spec.Members.Where(m => m.Kind == ContentKind.Button))
            {
                w.Line(button.IsCollection
                    ? $"{Json}.WriteButtons(ref json, this.{button.Name}, ref buttons);"
                    : $"{Json}.WriteButton(ref json, this.{button.Name}, ref buttons);");
            }

            w.JsonFragment("]}}");
        }
        else if (text is not null)
        {
            var quickReplies = spec.Members.FirstOrDefault(m => m.Kind == ContentKind.QuickReplies);
            w.JsonFragment("\"text\":");
            w.Line($"json.WriteString(this.{text.Name});");
            if (quickReplies is not null || spec.QuickReplies.Count > 0)
            {
                var declared = spec.QuickReplies.Count > 0 ? DeclaredQuickReplies : "null";
                var runtime = quickReplies is null ? "null" : "this." + quickReplies.Name;
                w.Line($"{Json}.WriteQuickReplies(ref json, {declared}, {runtime});");
            }
        }
        else if (media.Length > 0 && !ContentKinds.For(media[0].Kind).Media!.SeveralInOneMessage)
        {
            w.JsonFragment("\"attachment\":");
            w.Line($"{Json}.WriteAttachment(ref json, {MediaKind(media[0].Kind)}, {Json}.ToSource(this.{media[0].Name}));");
        }
        else if (media.Length > 0)
        {
            w.Line("// One image travels as \"attachment\", several (up to 10) as \"attachments\".");
            w.Line($"var count = {ImageCount(media)};");
            w.Line($"{Json}.BeginImages(ref json, count);");
            w.Line("var written = 0;");
            foreach (var image in media)
            {
                EmitForEachImage(w, image, source => $"{Json}.WriteImage(ref json, {source}, ref written);");
            }

            w.Line($"{Json}.EndImages(ref json, count);");
        }
        else if (spec.Members.FirstOrDefault(m => m.Kind == ContentKind.MediaShare) is { } share)
        {
            w.JsonFragment("\"attachment\":{\"type\":\"MEDIA_SHARE\",\"payload\":{\"id\":");
            w.Line($"json.WriteString(this.{share.Name});");
            w.JsonFragment("}}");
        }
        else if (spec.Members.FirstOrDefault(m => m.Kind == ContentKind.GenericTemplate) is { } generic)
        {
            w.Line($"{Json}.WriteGenericTemplate(ref json, this.{generic.Name});");
        }
        else if (spec.Members.FirstOrDefault(m => m.Kind == ContentKind.ProductTemplate) is { } product)
        {
            w.Line($"{Json}.WriteProductTemplate(ref json, this.{product.Name});");
        }
    }

    // Writes `body(source)` for each image a member holds, skipping null members.
    private static void EmitForEachImage(SourceWriter w, ContentMemberSpec image, System.Func<string, string> body)
    {
        var member = "this." + image.Name;
        switch (image.Shape)
        {
            case MemberShape.Struct:
                w.Line(body($"{Json}.ToSource({member})"));
                break;
            case MemberShape.NullableStruct:
            case MemberShape.Reference:
                w.Open($"if ({member} is not null)");
                w.Line(body($"{Json}.ToSource({member})"));
                w.Close();
                break;
            default:
                var length = image.Shape == MemberShape.List ? "Count" : "Length";
                w.Open(image.Shape == MemberShape.ImmutableArray ? $"if (!{member}.IsDefault)" : $"if ({member} is not null)");
                w.Open($"for (var i = 0; i < {member}.{length}; i++)");
                w.Line(body($"{Json}.ToSource({member}[i])"));
                w.Close();
                w.Close();
                break;
        }
    }

    private static string ImageCount(ContentMemberSpec[] images)
        => string.Join(" + ", images.Select(image => image.Shape switch
        {
            MemberShape.Struct => "1",
            MemberShape.NullableStruct or MemberShape.Reference => $"(this.{image.Name} is null ? 0 : 1)",
            _ => $"{Checks}.Count(this.{image.Name})",
        }));

    // The explicit ContentKind -> MediaKind map of the table; both enums are never matched by spelling.
    private static string MediaKind(ContentKind kind) => "global::InstagramMessaging.Rules.MediaKind." + ContentKinds.For(kind).Media!.Kind;

    private static void EmitWriteToWriter(SourceWriter w)
    {
        w.Line("/// <inheritdoc />");
        w.Line(GeneratedCode);
        w.Line("public void WriteTo(global::System.Text.Json.Utf8JsonWriter writer, global::InstagramMessaging.Recipient recipient, global::InstagramMessaging.SendOptions? options = null)");
        w.Line($"    => {Json}.WriteValue(writer, this, recipient, options);");
    }

    private static void EmitToJson(SourceWriter w)
    {
        w.Line("/// <inheritdoc />");
        w.Line(GeneratedCode);
        w.Line("public string ToJson(global::InstagramMessaging.Recipient recipient, global::InstagramMessaging.SendOptions? options = null)");
        w.Line($"    => {Json}.ToJson(this, recipient, options);");
    }

    private static void EmitValidate(SourceWriter w, ContractSpec spec)
    {
        w.Line("/// <inheritdoc />");
        w.Line(GeneratedCode);
        w.Open($"public global::System.Collections.Generic.IReadOnlyList<{Violation}> Validate()");
        w.Line($"global::System.Collections.Generic.List<{Violation}>? violations = null;");
        var images = spec.Members.Where(m => m.Kind == ContentKind.Image).ToArray();
        var buttons = spec.Members.Where(m => m.Kind == ContentKind.Button).ToArray();
        foreach (var member in spec.Members)
        {
            var value = "this." + member.Name;
            var name = Quote(member.DisplayName);
            if (ContentKinds.For(member.Kind).Media is { } media)
            {
                if (media.SeveralInOneMessage)
                {
                    EmitForEachImage(w, member, source => member.IsCollection
                        ? $"{Checks}.CheckMedia(ref violations, {MediaKind(member.Kind)}, {source}, {name}, i);"
                        : $"{Checks}.CheckMedia(ref violations, {MediaKind(member.Kind)}, {source}, {name});");
                }
                else
                {
                    w.Line($"{Checks}.CheckMedia(ref violations, {MediaKind(member.Kind)}, {Json}.ToSource({value}), {name});");
                }

                continue;
            }

            switch (member.Kind)
            {
                case ContentKind.Text when spec.IsButtonTemplate:
                    w.Line($"{Checks}.CheckButtonTemplateText(ref violations, {value}, {name});");
                    break;
                case ContentKind.Text:
                    w.Line($"{Checks}.CheckText(ref violations, {value}, {name});");
                    break;
                case ContentKind.ReplyTo:
                    w.Line($"{Checks}.CheckReplyTo(ref violations, {value}, {name});");
                    break;
                case ContentKind.MediaShare:
                    w.Line($"{Checks}.CheckRequired(ref violations, {value}, {name}, \"post id\");");
                    break;
                case ContentKind.QuickReplies:
                    break;
                case ContentKind.GenericTemplate:
                    w.Line($"{Checks}.CheckGenericTemplate(ref violations, {value}, {name});");
                    break;
                case ContentKind.ProductTemplate:
                    w.Line($"{Checks}.CheckProductTemplate(ref violations, {value}, {name});");
                    break;
                case ContentKind.Button:
                    w.Line(member.IsCollection
                        ? $"{Checks}.CheckButtons(ref violations, {value}, {name});"
                        : $"{Checks}.CheckButton(ref violations, {value}, {name});");
                    break;
                default:
                    throw new System.InvalidOperationException("ContentKind " + member.Kind + " has no check in ContractEmitter.EmitValidate.");
            }
        }

        if (images.Length > 0)
        {
            w.Line($"{Checks}.CheckImageCount(ref violations, {ImageCount(images)}, {Quote(string.Join(", ", images.Select(i => i.DisplayName)))});");
        }

        if (spec.IsButtonTemplate)
        {
            var count = buttons.Length == 0 ? "0" : string.Join(" + ", buttons.Select(b => $"{Checks}.Count(this.{b.Name})"));
            w.Line($"{Checks}.CheckButtonTemplateCount(ref violations, {count}, {Quote(buttons.Length == 0 ? spec.TypeName : string.Join(", ", buttons.Select(b => b.DisplayName)))});");
        }

        var quickReplies = spec.Members.FirstOrDefault(m => m.Kind == ContentKind.QuickReplies);
        if (quickReplies is not null || spec.QuickReplies.Count > 0)
        {
            var declared = spec.QuickReplies.Count > 0 ? DeclaredQuickReplies : "null";
            var runtime = quickReplies is null ? "null" : "this." + quickReplies.Name;
            w.Line($"{Checks}.CheckQuickReplies(ref violations, {declared}, {runtime}, {Quote(quickReplies?.DisplayName ?? "QuickReplies")});");
        }

        w.Line($"return {Checks}.Result(violations);");
        w.Close();
    }

    private static void EmitMultiImage(SourceWriter w, ContractSpec spec, ContentMemberSpec[] images)
    {
        if (images.Length == 0)
        {
            return;
        }

        var mediaList = "global::System.Collections.Generic.List<global::InstagramMessaging.MediaSource>";
        w.Line();
        w.Line(GeneratedCode);
        w.Open("global::System.Collections.Generic.IReadOnlyList<global::InstagramMessaging.MediaSource> global::InstagramMessaging.IMultiImageMessage.GetImages()");
        w.Line($"var images = new {mediaList}();");
        foreach (var image in images)
        {
            EmitForEachImage(w, image, source => $"images.Add({source});");
        }

        w.Line("return images;");
        w.Close();
        w.Line();
        var replyTo = spec.Members.FirstOrDefault(m => m.Kind == ContentKind.ReplyTo);
        w.Line(GeneratedCode);
        w.Line($"string? global::InstagramMessaging.IMultiImageMessage.ReplyToMessageId => {(replyTo is null ? "null" : "this." + replyTo.Name)};");
    }

    private static void EmitDeclaredQuickReplies(SourceWriter w, ContractSpec spec)
    {
        if (spec.QuickReplies.Count == 0)
        {
            return;
        }

        w.Line();
        w.Line("/// <summary>The quick replies declared with <c>[QuickReply]</c> on this contract.</summary>");
        w.Line(GeneratedCode);
        w.Open($"private static readonly global::InstagramMessaging.QuickReply[] {DeclaredQuickReplies} =");
        foreach (var reply in spec.QuickReplies)
        {
            w.Line($"new({Quote(reply.Title)}, {Quote(reply.Payload)}),");
        }

        w.Close(";");
    }

    private static string Quote(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);

    private static void EmitSendAsync(SourceWriter w)
    {
        w.Line("/// <summary>Validates this message and sends it to <paramref name=\"recipient\"/>; nothing is sent when a rule is broken.</summary>");
        w.Line("/// <exception cref=\"global::InstagramMessaging.InstagramMessageValidationException\">The message breaks a platform rule.</exception>");
        w.Line("/// <exception cref=\"global::InstagramMessaging.InstagramApiException\">The Graph API answered with an error.</exception>");
        w.Line(GeneratedCode);
        w.Open("public global::System.Threading.Tasks.Task<global::InstagramMessaging.SendResult> SendAsync(global::InstagramMessaging.InstagramMessenger messenger, global::InstagramMessaging.Recipient recipient, global::InstagramMessaging.SendOptions? options = null, global::System.Threading.CancellationToken cancellationToken = default)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(messenger);");
        w.Line("return messenger.SendAsync(recipient, this, options, cancellationToken);");
        w.Close();
    }
}
