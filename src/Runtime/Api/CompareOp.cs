namespace MemScript.Runtime;

/// <summary>The comparison of an <c>expect</c>.</summary>
public enum CompareOp { Eq, Ne, Lt, Le, Gt, Ge }
