using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace QualysCompare.Engine.Api
{
    /// <summary>Small pieces of the client's messages.</summary>
    internal static class ApiText
    {
        /// <summary>Seconds as the messages show them: "2", "0.5", "3600".</summary>
        public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture);

        /// <summary>An exception and up to two inner ones, without repeating a message that is already part of the previous one.</summary>
        public static string Describe(Exception e)
        {
            var parts = new List<string>();
            for (var current = e; current != null && parts.Count < 3; current = current.InnerException)
                if (parts.Count == 0 || !parts[parts.Count - 1].Contains(current.Message)) parts.Add(current.Message);
            return string.Join(": ", parts);
        }

        public static T? FindInner<T>(Exception e) where T : Exception
        {
            for (var current = e.InnerException; current != null; current = current.InnerException)
                if (current is T found) return found;
            return null;
        }

        public static string? Header(HttpResponseMessage response, string name)
        {
            if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
                return values.FirstOrDefault()?.Trim();
            return null;
        }
    }
}
