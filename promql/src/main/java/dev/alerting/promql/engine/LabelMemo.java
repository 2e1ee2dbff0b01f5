package dev.alerting.promql.engine;

import dev.alerting.model.Labels;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Label sets an expression derives from its input series (the name dropped, a match signature, a
 * bucket set without {@code le}), kept from one evaluation to the next by the caller that evaluates
 * the same expression again and again (a rule): the store hands out the same {@link Labels}
 * instance for a series every time, so the derived set is found by identity instead of being
 * rebuilt and re-hashed per element and evaluation. Only what the latest two evaluations derived is
 * kept, so memory follows the series the expression reads. Evaluations that pass no memo derive as
 * before. Not thread-safe: one per caller, used by one thread at a time.
 */
public final class LabelMemo {
  private static final ThreadLocal<LabelMemo> CURRENT = new ThreadLocal<>();

  // Per operation (an AST node or a constant, by identity): input → derived, this evaluation's
  // and the previous one's.
  private final Map<Object, Map<Labels, Labels>> recent = new IdentityHashMap<>();
  private final Map<Object, Map<Labels, Labels>> older = new IdentityHashMap<>();
  private Object lastOperation;
  private Map<Labels, Labels> lastMap;

  /**
   * {@code derive(in)}, from the memo of the evaluation running on this thread when there is one.
   * {@code derive} must be a pure function of its input for a given {@code operation}.
   */
  public static Labels derive(Labels in, Object operation, UnaryOperator<Labels> derive) {
    LabelMemo memo = CURRENT.get();
    return memo == null ? derive.apply(in) : memo.get(in, operation, derive);
  }

  private Labels get(Labels in, Object operation, UnaryOperator<Labels> derive) {
    // one operation is applied to every element of a vector in a row: look it up once
    if (operation != lastOperation) {
      lastMap = recent.computeIfAbsent(operation, o -> new IdentityHashMap<>());
      lastOperation = operation;
    }
    Map<Labels, Labels> now = lastMap;
    Labels out = now.get(in);
    if (out == null) {
      Map<Labels, Labels> before = older.get(operation);
      out = before == null ? null : before.get(in);
      if (out == null) {
        out = derive.apply(in);
      }
      now.put(in, out);
    }
    return out;
  }

  /**
   * Runs {@code evaluation} with this memo; what the evaluation before the previous derived goes.
   */
  <T> T around(Supplier<T> evaluation) {
    LabelMemo outer = CURRENT.get();
    older.forEach((op, m) -> m.clear());
    for (Map.Entry<Object, Map<Labels, Labels>> e : recent.entrySet()) {
      Map<Labels, Labels> emptied = older.put(e.getKey(), e.getValue());
      e.setValue(emptied != null ? emptied : new IdentityHashMap<>());
    }
    lastOperation = null;
    lastMap = null;
    CURRENT.set(this);
    try {
      return evaluation.get();
    } finally {
      CURRENT.set(outer);
    }
  }
}
