using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MemScript.Compiler.Policies;

/// <summary>
/// Which of a policy's bodies the bounded-execution rewrite must guard, found
/// from the call graph of the policy's own code, so only code that can run
/// without end pays per call. Nodes are the bodies that run as methods
/// (methods, constructors, accessors, operators, local functions, lambdas),
/// one node per type's field initializers, and one node <c>World</c> for all
/// code outside the policy. Edges come from the operation tree, implicit calls
/// included (user conversions and operators, property patterns, collection
/// initializers, foreach, using, deconstruction, string concatenation and
/// interpolation, which call ToString): a call to a policy body is an
/// edge to it (a virtual or interface call: to every policy body that
/// overrides or implements the member); a call to anything else is an edge to
/// World. World has an edge to every body outside code can call back: lambdas
/// and method groups, overrides and implementations of outside members (but
/// not of MemScript.Policies' IReclaimPolicy and IOomPolicy, which only the
/// kernel calls, each call from its top), and members the language calls by
/// name (GetEnumerator, Deconstruct, Add...).
/// <para>
/// A body on a cycle (its strongly connected component has more than one node
/// or an edge to itself) may recurse without end: it keeps the depth guard
/// (Enter/Exit). Every other body runs a bounded number of statements per
/// call outside its loops (loops always step), except that a chain of such
/// bodies can multiply: bottom-up, a body whose unguarded callees would run
/// more than <see cref="MaxUnguardedCalls"/> unguarded calls or nest deeper
/// than <see cref="MaxUnguardedDepth"/> has those callees guarded. An entry
/// (the role interface's member the kernel calls) from which no guarded,
/// looping or iterator body can be reached needs no guard armed at all.
/// </para>
/// </summary>
internal sealed class PolicyCallGraph
{
    /// <summary>Unguarded calls one unguarded body may lead to (per call, its loops aside).</summary>
    public const int MaxUnguardedCalls = 256;

    /// <summary>Unguarded bodies that may nest below one another.</summary>
    public const int MaxUnguardedDepth = 32;

    private static readonly HashSet<string> ByName = new(StringComparer.Ordinal)
    {
        "GetEnumerator", "GetAsyncEnumerator", "MoveNext", "MoveNextAsync", "Current", "Dispose", "DisposeAsync", "Deconstruct",
        "Add", "GetAwaiter", "GetResult", "IsCompleted", "OnCompleted", "Slice", "Length", "Count", "GetPinnableReference",
        "Create", "AppendLiteral", "AppendFormatted", "Select", "SelectMany", "Where", "OrderBy", "OrderByDescending", "ThenBy",
        "ThenByDescending", "GroupBy", "Join", "GroupJoin", "Cast", "Invoke", "Finalize",
    };

    private readonly SemanticModel _model;
    private readonly SyntaxTree _tree;
    private readonly Dictionary<SyntaxNode, Node> _nodes = [];
    private readonly Node _world = new(null);

    private PolicyCallGraph(SemanticModel model)
    {
        _model = model;
        _tree = model.SyntaxTree;
    }

    /// <summary>The bodies (declaration, local function or lambda syntax of the original tree) that keep Enter/Exit.</summary>
    public IReadOnlySet<SyntaxNode> Guarded { get; private set; } = new HashSet<SyntaxNode>();

    /// <summary>Analyzes <paramref name="model"/>'s tree.</summary>
    public static PolicyCallGraph Build(SemanticModel model)
    {
        var graph = new PolicyCallGraph(model);
        graph.Collect();
        graph.Decide();
        return graph;
    }

    /// <summary>
    /// True when a call from the kernel into <paramref name="method"/> (a body
    /// of the policy) can reach no guarded, looping or iterator body, so it
    /// needs no guard armed around it.
    /// </summary>
    public bool IsGuardFree(IMethodSymbol method)
    {
        var body = BodyOf(method);
        if (body is null)
            return true;   // nothing of the policy's own (a default member)
        var seen = new HashSet<Node>();
        var stack = new Stack<Node>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n))
                continue;
            if (n.Syntax is not null && (Guarded.Contains(n.Syntax) || n.Loops))
                return false;
            foreach (var e in n.Edges)
                stack.Push(e);
        }

        return true;
    }

    private sealed class Node(SyntaxNode? syntax)
    {
        public SyntaxNode? Syntax { get; } = syntax;
        public List<Node> Edges { get; } = [];
        public bool Loops { get; set; }
        public bool CalledBack { get; set; }
        public int Index { get; set; } = -1;
        public int Low { get; set; }
        public bool OnStack { get; set; }
        public bool Cyclic { get; set; }
        public long Calls { get; set; }
        public int Depth { get; set; }
        public bool Done { get; set; }
    }

    private void Collect()
    {
        var root = _tree.GetRoot();
        foreach (var syntax in root.DescendantNodes())
        {
            if (IsBody(syntax))
                NodeFor(syntax);
        }

        foreach (var syntax in root.DescendantNodes())
        {
            var operation = syntax switch
            {
                BaseMethodDeclarationSyntax or AccessorDeclarationSyntax => _model.GetOperation(syntax),
                ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax } => _model.GetOperation(syntax),
                EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent.Parent: FieldDeclarationSyntax } or PropertyDeclarationSyntax } => _model.GetOperation(syntax),
                _ => null,
            };
            if (operation is null && syntax is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax)
            {
                // No operation for the declaration: take its body's and its expression body's.
                var (block, arrow) = syntax is BaseMethodDeclarationSyntax m ? (m.Body, m.ExpressionBody) : (((AccessorDeclarationSyntax)syntax).Body, ((AccessorDeclarationSyntax)syntax).ExpressionBody);
                foreach (var part in new SyntaxNode?[] { block, arrow })
                {
                    if (part is not null && _model.GetOperation(part) is { } partOperation)
                        VisitAll(partOperation);
                }

                continue;
            }

            if (operation is not null)
                VisitAll(operation);
        }

        // Loops (and backward gotos, iterators) make a body step.
        foreach (var syntax in root.DescendantNodes())
        {
            if (syntax is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax
                or GotoStatementSyntax or YieldStatementSyntax)
                Owner(syntax).Loops = true;
        }

        foreach (var (syntax, node) in _nodes)
        {
            if (syntax is AnonymousFunctionExpressionSyntax)
                node.CalledBack = true;
            else if (SymbolOf(syntax) is { } symbol && CalledBack(symbol))
                node.CalledBack = true;
            if (node.CalledBack)
                _world.Edges.Add(node);
        }
    }

    private void VisitAll(IOperation operation)
    {
        foreach (var op in operation.DescendantsAndSelf())
            Visit(op);
    }

    private void Visit(IOperation op)
    {
        switch (op)
        {
            case IInvocationOperation i:
                Call(op, i.TargetMethod, i.IsVirtual);
                break;
            case IObjectCreationOperation c:
                Call(op, c.Constructor, false);
                for (var t = c.Type as INamedTypeSymbol; t is not null && IsOwn(t); t = t.BaseType)
                {
                    foreach (var ctor in t.InstanceConstructors)
                        Call(op, ctor, false);
                    foreach (var reference in t.DeclaringSyntaxReferences)
                        Edge(op, NodeFor(reference.GetSyntax()));
                }

                break;
            case IPropertyReferenceOperation p:
                Call(op, p.Property.GetMethod, true);
                Call(op, p.Property.SetMethod, true);
                break;
            case IEventReferenceOperation e:
                Call(op, e.Event.AddMethod, true);
                Call(op, e.Event.RemoveMethod, true);
                break;
            case IMethodReferenceOperation m:
                if (BodyOf(m.Method) is { } target)
                    target.CalledBack = true;
                Edge(op, _world);
                break;
            case IUnaryOperation u:
                Call(op, u.OperatorMethod, false);
                break;
            case IBinaryOperation b:
                Call(op, b.OperatorMethod, false);
                if (b.OperatorMethod is null && b.Type?.SpecialType == SpecialType.System_String)
                    Edge(op, _world);   // concatenation calls ToString on its operands
                break;
            case IIncrementOrDecrementOperation d:
                Call(op, d.OperatorMethod, false);
                break;
            case ICompoundAssignmentOperation a:
                Call(op, a.OperatorMethod, false);
                Call(op, a.InConversion.MethodSymbol, false);
                Call(op, a.OutConversion.MethodSymbol, false);
                break;
            case IConversionOperation v:
                Call(op, v.OperatorMethod, false);
                break;
            case IRecursivePatternOperation r:
                Call(op, r.DeconstructSymbol as IMethodSymbol, false);
                break;
            case IImplicitIndexerReferenceOperation x:
                Call(op, x.IndexerSymbol as IMethodSymbol, true);
                if (x.IndexerSymbol is IPropertySymbol indexer)
                {
                    Call(op, indexer.GetMethod, true);
                    Call(op, indexer.SetMethod, true);
                }

                if (x.LengthSymbol is IPropertySymbol length)
                    Call(op, length.GetMethod, true);
                break;
            case ICollectionExpressionOperation ce:
                Call(op, ce.ConstructMethod as IMethodSymbol, false);
                Edge(op, _world);
                break;
            case IForEachLoopOperation or IUsingOperation or IUsingDeclarationOperation or IDeconstructionAssignmentOperation
                or IAwaitOperation or ILockOperation or IInterpolatedStringHandlerCreationOperation or IInterpolatedStringOperation
                or ITupleBinaryOperation
                or IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IDynamicObjectCreationOperation
                or IDynamicIndexerAccessOperation or IFunctionPointerInvocationOperation or IWithOperation:
                Edge(op, _world);
                break;
        }
    }

    private void Call(IOperation op, IMethodSymbol? method, bool mayDispatch)
    {
        if (method is null)
            return;
        method = method.ReducedFrom ?? method;
        method = method.OriginalDefinition;
        if (BodyOf(method) is { } own)
            Edge(op, own);
        else
            Edge(op, _world);
        if (mayDispatch && (method.IsVirtual || method.IsAbstract || method.IsOverride || method.ContainingType?.TypeKind == TypeKind.Interface))
        {
            foreach (var (node, keys) in DispatchKeys())
            {
                if (keys.Contains(method, SymbolEqualityComparer.Default))
                    Edge(op, node);
            }
        }
    }

    private List<(Node Node, List<IMethodSymbol> Keys)>? _dispatchKeys;

    private List<(Node Node, List<IMethodSymbol> Keys)> DispatchKeys()
    {
        if (_dispatchKeys is null)
        {
            _dispatchKeys = [];
            foreach (var (syntax, node) in _nodes)
            {
                if (SymbolOf(syntax) is { } method)
                    _dispatchKeys.Add((node, Keys(method)));
            }
        }

        return _dispatchKeys;
    }

    /// <summary>The method a body is (an expression-bodied property or indexer: its getter); null for lambdas and types.</summary>
    private IMethodSymbol? SymbolOf(SyntaxNode syntax) => syntax switch
    {
        AnonymousFunctionExpressionSyntax or BaseTypeDeclarationSyntax => null,
        PropertyDeclarationSyntax or IndexerDeclarationSyntax => (_model.GetDeclaredSymbol(syntax) as IPropertySymbol)?.GetMethod,
        _ => _model.GetDeclaredSymbol(syntax) as IMethodSymbol,
    };

    private void Edge(IOperation op, Node to)
    {
        var from = op is not (IAnonymousFunctionOperation or ILocalFunctionOperation) && IsBody(op.Syntax) ? NodeFor(op.Syntax) : Owner(op.Syntax);
        from.Edges.Add(to);
    }

    /// <summary>The body a piece of syntax runs in: the nearest body around it, else its type's field initializers.</summary>
    private Node Owner(SyntaxNode syntax)
    {
        for (var n = syntax.Parent; n is not null; n = n.Parent)
        {
            if (IsBody(n))
                return NodeFor(n);
            if (n is BaseTypeDeclarationSyntax)
                return NodeFor(n);
        }

        return _world;
    }

    private Node NodeFor(SyntaxNode syntax)
    {
        if (syntax is ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax } arrow)
            syntax = arrow.Parent!;
        if (!_nodes.TryGetValue(syntax, out var node))
        {
            node = new Node(syntax);
            _nodes.Add(syntax, node);
        }

        return node;
    }

    private Node? BodyOf(IMethodSymbol method)
    {
        method = (method.PartialImplementationPart ?? method).OriginalDefinition;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != _tree)
                continue;
            var syntax = reference.GetSyntax();
            if (syntax is ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax })
                return NodeFor(syntax);
            if (IsBody(syntax))
                return NodeFor(syntax);
        }

        return null;
    }

    private bool IsOwn(INamedTypeSymbol type) => type.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == _tree);

    private static bool IsBody(SyntaxNode syntax) => syntax is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax
        or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax
        or PropertyDeclarationSyntax { ExpressionBody: not null } or IndexerDeclarationSyntax { ExpressionBody: not null };

    /// <summary>The members a call to which may land in <paramref name="method"/>: itself, what it overrides, what it implements.</summary>
    private static List<IMethodSymbol> Keys(IMethodSymbol method)
    {
        var keys = new List<IMethodSymbol> { method.OriginalDefinition };
        for (var m = method.OverriddenMethod; m is not null; m = m.OverriddenMethod)
            keys.Add(m.OriginalDefinition);
        keys.AddRange(method.ExplicitInterfaceImplementations.Select(i => i.OriginalDefinition));
        var type = method.ContainingType;
        if (type is not null)
        {
            foreach (var face in type.AllInterfaces)
            {
                foreach (var member in face.GetMembers())
                {
                    if (member is IMethodSymbol faceMethod && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(faceMethod), method))
                        keys.Add(faceMethod.OriginalDefinition);
                }
            }
        }

        return keys;
    }

    /// <summary>Whether code outside the policy may call <paramref name="symbol"/>'s body.</summary>
    private bool CalledBack(IMethodSymbol method)
    {
        if (method.MethodKind is MethodKind.Destructor or MethodKind.StaticConstructor)
            return true;
        var name = method.AssociatedSymbol?.Name ?? method.Name;
        if (ByName.Contains(name))
            return true;
        foreach (var key in Keys(method).Skip(1))
        {
            if (!IsOwn(key.ContainingType) && !IsRoleInterface(key.ContainingType))
                return true;
        }

        return false;
    }

    private static bool IsRoleInterface(INamedTypeSymbol type) =>
        type.Name is "IReclaimPolicy" or "IOomPolicy" && type.ContainingNamespace.ToDisplayString() == "MemScript.Policies";

    private void Decide()
    {
        // Tarjan's strongly connected components; a component of one node is a cycle only with an edge to itself.
        var all = new List<Node>(_nodes.Values) { _world };
        var index = 0;
        var stack = new Stack<Node>();
        foreach (var n in all)
        {
            if (n.Index < 0)
                Connect(n, ref index, stack);
        }

        var guarded = new HashSet<SyntaxNode>();
        foreach (var n in _nodes.Values)
        {
            if (n.Cyclic && IsGuardable(n.Syntax!))
                guarded.Add(n.Syntax!);
        }

        // Bottom-up over the rest: cap the unguarded work one call can fan out to.
        foreach (var n in _nodes.Values)
            Measure(n, guarded);
        Guarded = guarded;
    }

    private void Measure(Node n, HashSet<SyntaxNode> guarded)
    {
        if (n.Done)
            return;
        n.Done = true;
        long calls = 1;
        var depth = 1;
        foreach (var e in n.Edges)
        {
            if (e == _world || e.Syntax is null || guarded.Contains(e.Syntax) || e.Cyclic)
            {
                calls++;
                continue;
            }

            Measure(e, guarded);
            calls += e.Calls;
            depth = Math.Max(depth, e.Depth + 1);
        }

        if (calls > MaxUnguardedCalls || depth > MaxUnguardedDepth)
        {
            foreach (var e in n.Edges)
            {
                if (e.Syntax is not null && IsGuardable(e.Syntax))
                    guarded.Add(e.Syntax);
            }

            calls = 1 + n.Edges.Count;
            depth = 1;
        }

        n.Calls = calls;
        n.Depth = depth;
    }

    /// <summary>Every body, and a type's field initializers (the rewriter guards each instance initializer of a guarded type).</summary>
    private static bool IsGuardable(SyntaxNode syntax) => syntax is not BaseTypeDeclarationSyntax || syntax is TypeDeclarationSyntax;

    private void Connect(Node v, ref int index, Stack<Node> stack)
    {
        // Iterative Tarjan: a policy's call chain may be deeper than the host's stack is comfortable with.
        var work = new Stack<(Node Node, int Edge)>();
        work.Push((v, 0));
        v.Index = v.Low = index++;
        stack.Push(v);
        v.OnStack = true;
        while (work.Count > 0)
        {
            var (n, i) = work.Pop();
            if (i < n.Edges.Count)
            {
                work.Push((n, i + 1));
                var w = n.Edges[i];
                if (w == n)
                {
                    n.Cyclic = true;
                }
                else if (w.Index < 0)
                {
                    w.Index = w.Low = index++;
                    stack.Push(w);
                    w.OnStack = true;
                    work.Push((w, 0));
                }
                else if (w.OnStack)
                {
                    n.Low = Math.Min(n.Low, w.Index);
                }

                continue;
            }

            if (work.Count > 0)
            {
                var parent = work.Peek().Node;
                parent.Low = Math.Min(parent.Low, n.Low);
            }

            if (n.Low == n.Index)
            {
                var component = new List<Node>();
                Node w;
                do
                {
                    w = stack.Pop();
                    w.OnStack = false;
                    component.Add(w);
                }
                while (w != n);
                if (component.Count > 1)
                {
                    foreach (var c in component)
                        c.Cyclic = true;
                }
            }
        }
    }
}
