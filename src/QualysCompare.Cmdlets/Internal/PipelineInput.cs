using System;
using System.Collections;
using System.Management.Automation;

namespace QualysCompare.Cmdlets.Internal
{
    /// <summary>
    /// -InputObject parameters are typed PSObject rather than QualysFinding[] or
    /// VantageComparison[]: binding each piped object to a typed array costs PowerShell several
    /// microseconds, more than comparing or writing the object. The type is checked here instead,
    /// and anything else is a non-terminating error that names it, so the other objects still count.
    /// </summary>
    internal static class PipelineInput
    {
        public static void Take<T>(Cmdlet cmdlet, PSObject? input, string errorId, Action<T> take) where T : class
        {
            object? value = input?.BaseObject;
            if (value == null) return;
            if (value is T item)
            {
                take(item);
                return;
            }
            // -InputObject $rows passes the whole collection as one object.
            if (value is IEnumerable many && !(value is string))
            {
                foreach (var element in many)
                {
                    object? unwrapped = element is PSObject wrapped ? wrapped.BaseObject : element;
                    if (unwrapped == null) continue;
                    if (unwrapped is T one) take(one);
                    else cmdlet.WriteError(NotA<T>(unwrapped, errorId));
                }
                return;
            }
            cmdlet.WriteError(NotA<T>(value, errorId));
        }

        private static ErrorRecord NotA<T>(object value, string errorId) =>
            new ErrorRecord(
                new PSArgumentException($"-InputObject takes {typeof(T).Name} objects, not {value.GetType().FullName}."),
                errorId, ErrorCategory.InvalidType, value);
    }
}
