package io.serialgate.common.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a configuration option means, next to the field that holds it. The documentation site's
 * configuration reference is generated from these, so it cannot drift from the code.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface OptionDoc {

    /** One or two sentences for an operator. */
    String value();

    /** The default as an operator would write it, when the field's initial value does not say it well. */
    String defaultText() default "";
}
