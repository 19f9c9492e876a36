using System.Globalization;
using System.Text;
using System.Text.Json;
using InstagramMessaging.Webhooks;
using Xunit;

namespace InstagramMessaging.Tests.Webhooks;

public sealed class WebhookJsonTests
{
    private static long? ReadInt64(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("[" + json + "]"));
        reader.Read();
        return WebhookJson.ReadInt64(ref reader);
    }

    [Fact]
    public void Plain_digit_numbers_of_every_length_read_as_their_value()
    {
        // 8 digits at a time from 9 to 16 digits, one at a time otherwise: every length and every digit in every place.
        for (var length = 1; length <= 18; length++)
        {
            foreach (var pattern in new[] { "1234567890", "9876543210", "9999999999", "1000000000", "5050505050" })
            {
                var digits = new StringBuilder();
                while (digits.Length < length)
                {
                    digits.Append(pattern);
                }

                var text = digits.ToString(0, length);
                Assert.Equal(long.Parse(text, CultureInfo.InvariantCulture), ReadInt64(text));
            }
        }
    }

    [Theory]
    [InlineData("1781520015307", 1781520015307L)]
    [InlineData("-1781520015307", -1781520015307L)]
    [InlineData("1781520015307.9", 1781520015307L)]
    [InlineData("17815200153e2", 1781520015300L)]
    [InlineData("1781520015307E0", 1781520015307L)]
    [InlineData("\"1781520015307\"", 1781520015307L)]
    [InlineData("0", 0L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Signs_fractions_exponents_and_strings_go_the_general_way(string json, long expected)
        => Assert.Equal(expected, ReadInt64(json));
}
