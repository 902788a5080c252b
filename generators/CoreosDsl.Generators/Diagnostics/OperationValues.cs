using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CoreosDsl.Generators.Diagnostics;

/// <summary>What the analyzers can know about an argument at compile time: its constant strings and values.</summary>
internal static class OperationValues
{
    /// <summary>
    /// The operation of a field's or property's initializer (or a property's expression body), read from whichever
    /// file declares it; null when no declaration has one.
    /// </summary>
    public static IOperation? Initializer(ISymbol member, Compilation compilation)
    {
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            ExpressionSyntax? initializer = reference.GetSyntax() switch
            {
                VariableDeclaratorSyntax { Initializer.Value: var v } => v,
                PropertyDeclarationSyntax { Initializer.Value: var v } => v,
                PropertyDeclarationSyntax { ExpressionBody.Expression: var e } => e,
                _ => null,
            };
            if (initializer is null)
            {
                continue;
            }

            if (OperationOf(initializer, compilation) is { } operation)
            {
                return operation;
            }
        }

        return null;
    }

    /// <summary>
    /// The initializer of a local that is never assigned again (<c>var name = "x.service";</c>), so that where the
    /// local is read its value is the initializer's; null for a local written again (an assignment, <c>++</c>,
    /// <c>ref</c>/<c>out</c>) or declared without one. The test is by name within the declaring member: a
    /// same-named local elsewhere in it makes the answer "not known", never a wrong value.
    /// </summary>
    public static IOperation? SingleAssignmentInitializer(ILocalSymbol local, Compilation compilation)
    {
        if (local.IsRef || local.DeclaringSyntaxReferences is not [var reference]
            || reference.GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: var value } declarator)
        {
            return null;
        }

        SyntaxNode scope = declarator.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } member and not GlobalStatementSyntax
            ? member
            : declarator.SyntaxTree.GetRoot();
        foreach (var node in scope.DescendantNodes())
        {
            var written = node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.PreIncrementExpression) || unary.IsKind(SyntaxKind.PreDecrementExpression) => unary.Operand,
                PostfixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.PostIncrementExpression) || unary.IsKind(SyntaxKind.PostDecrementExpression) => unary.Operand,
                ArgumentSyntax { RefKindKeyword.RawKind: not 0 } argument => argument.Expression,
                RefExpressionSyntax byRef => byRef.Expression,
                _ => null,
            };
            if (written is IdentifierNameSyntax { Identifier.ValueText: var name } && name == local.Name)
            {
                return null;
            }
        }

        return OperationOf(value, compilation);
    }

    /// <summary>
    /// The operation of <paramref name="node"/>, which may be in any file of the compilation (a shared class, a
    /// followed method): the analyzers read declarations across files through this one place.
    /// </summary>
    public static IOperation? OperationOf(SyntaxNode node, Compilation compilation)
    {
#pragma warning disable RS1030 // The node may be in another file than the one analyzed: its semantic model is the only way to read it.
        return compilation.GetSemanticModel(node.SyntaxTree).GetOperation(node);
#pragma warning restore RS1030
    }

    /// <summary>The operation without the implicit conversions around it.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>A cheap test before <see cref="ConstantStrings"/>: a constant string, or an array or collection of values.</summary>
    public static bool MayHoldConstantStrings(IOperation value)
    {
        value = Unwrap(value);
        return value.ConstantValue is { HasValue: true, Value: string } || UriLiteral(value) is not null
            || value is IArrayCreationOperation or ICollectionExpressionOperation;
    }

    /// <summary>The constant string of <c>new Uri("...")</c>, so that a URL is checked where it is written.</summary>
    public static IOperation? UriLiteral(IOperation value) =>
        value is IObjectCreationOperation { Arguments: [var text, ..] } creation
        && creation.Type is { Name: "Uri", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }
        && Unwrap(text.Value) is { ConstantValue: { HasValue: true, Value: string } } literal
            ? literal
            : null;

    /// <summary>
    /// The constant strings an argument holds, each with the operation that wrote it: the argument itself, or the
    /// elements of a <c>params</c> array, an array creation or a collection expression; the text of a
    /// <c>new Uri("...")</c> counts as its string.
    /// </summary>
    public static IEnumerable<(string Value, IOperation Source)> ConstantStrings(IOperation value)
    {
        value = UriLiteral(Unwrap(value)) ?? Unwrap(value);
        if (value.ConstantValue is { HasValue: true, Value: string text })
        {
            yield return (text, value);
            yield break;
        }

        IEnumerable<IOperation> elements = value switch
        {
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            ICollectionExpressionOperation collection => collection.Elements,
            _ => [],
        };
        foreach (var element in elements)
        {
            var e = UriLiteral(Unwrap(element)) ?? Unwrap(element);
            if (e.ConstantValue is { HasValue: true, Value: string elementText })
            {
                yield return (elementText, e);
            }
        }
    }

    /// <summary>
    /// The unit-file text of a constant argument: a string as is, a bool as <c>yes</c>/<c>no</c>, a number in
    /// decimal, a generated enum value by its member name in systemd's spelling (<c>OnSuccess</c> →
    /// <c>on-success</c>); null when not a constant.
    /// </summary>
    public static string? ConstantText(IOperation value)
    {
        value = Unwrap(value);
        if (value.ConstantValue is not { HasValue: true } constant)
        {
            return null;
        }

        switch (constant.Value)
        {
            case string s:
                return s;
            case bool b:
                return b ? "yes" : "no";
            case null:
                return null;
        }

        if (value.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            var member = value is IFieldReferenceOperation field
                ? field.Field
                : enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, constant.Value));
            return member is null ? null : Kebab(member.Name);
        }

        return Convert.ToString(constant.Value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The systemd spelling of a generated enum member, the inverse of the generator's PascalCase for the values the
    /// rules compare (<c>Oneshot</c> → <c>oneshot</c>, <c>ReloadOrRestart</c> → <c>reload-or-restart</c>).
    /// </summary>
    public static string Kebab(string member)
    {
        var sb = new StringBuilder(member.Length + 4);
        for (var i = 0; i < member.Length; i++)
        {
            var c = member[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(member[i - 1]) || char.IsDigit(member[i - 1])))
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
