package io.serialgate.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The median of several rounds' results, number by number: each int, long and double of the
 * records (nested records included) is the median of that number over the rounds, so a row's p50
 * and its p99 may come from different rounds (the "medians of 3 runs"; taking one median
 * round instead let one noisy round's p99 stand for all three). Any other component (an error
 * text) is the first round's that is not null. Counts that must not be averaged away (wrong
 * bytes, hung sessions) are summed by the caller over every round instead.
 */
final class RecordMedians {

    private RecordMedians() {}

    static <T extends Record> T of(List<T> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no rounds");
        }
        return median(rounds);
    }

    @SuppressWarnings("unchecked")
    private static <T> T median(List<T> rounds) {
        List<T> present = rounds.stream().filter(Objects::nonNull).toList();
        if (present.isEmpty()) {
            return null;
        }
        Class<?> type = present.get(0).getClass();
        if (!type.isRecord()) {
            return present.get(0);
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            types[i] = component.getType();
            List<Object> column = new ArrayList<>();
            for (T round : present) {
                column.add(read(component, round));
            }
            values[i] = medianOf(component.getType(), column);
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return (T) canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + type.getSimpleName(), e);
        }
    }

    private static Object medianOf(Class<?> type, List<Object> column) {
        if (type == int.class) {
            return (int) middle(column.stream().mapToDouble(v -> (Integer) v).toArray());
        }
        if (type == long.class) {
            return (long) middle(column.stream().mapToDouble(v -> (Long) v).toArray());
        }
        if (type == double.class) {
            return middle(column.stream().mapToDouble(v -> (Double) v).toArray());
        }
        return median(column);
    }

    /** The middle value (the lower middle of an even count: a value that was measured). */
    private static double middle(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }
}
