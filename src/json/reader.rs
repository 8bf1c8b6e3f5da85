//! `reader!`: a struct's reader generated from one list of its fields.

/// Generates a struct's reader from one list of its fields, in declaration order: the
/// [`Form`](super::Form) (its field names, which are required, whether unknown fields are
/// skipped) and the code that reads each field into its slot and builds the struct. A field
/// is added in one place; `forms_follow_the_model` (bank) and `record_forms_follow_the_model` (records)
/// check the lists against serde's and the JSON Schema's.
///
/// ```ignore
/// reader! {
///     BAND: Band, AN_OBJECT, closed {
///         id: required,
///         min: required,
///         label: required,
///     }
/// }
/// ```
///
/// makes `const BAND: Form` and `impl FromValue for Band`. With `fn read_levels ->
/// AnswerSpec::Levels` in place of `Band`, it makes a function that reads that enum
/// variant. Each field is `name: kind`, or `name as "json-name": kind`:
///
/// - `required`: must be present;
/// - `optional`: an `Option` field; absent or `null` is `None`;
/// - `default`: absent is `Default::default()`; `default(f)`: absent is `f()`;
/// - `given(f)`: required, and read before the others by `f(value, path) -> Result<T,
///   Problem>`; its problem is reported as well as the first problem of the other fields
///   (an answer's, at its exact path, is not hidden by a typo elsewhere in the question);
/// - `tag`: required, read by the caller beforehand (an internally tagged enum's `type`);
///   not a field of the variant.
///
/// The expansion is the code that was written by hand before, and compiles to the same: one
/// `Option` slot per field, a closure that matches the field's index (the last field is the
/// `_` arm), and the struct built with `?`.
macro_rules! reader {
    (
        $form:ident: $ty:ident, $what:expr, $open:ident { $($fields:tt)* }
    ) => {
        $crate::json::reader!(@form $form, $what, $open, $($fields)*);

        impl $crate::json::FromValue for $ty {
            fn read(
                value: &::serde_json::Value,
                path: &str,
                errors: &mut Vec<$crate::json::Problem>,
            ) -> Option<$ty> {
                $crate::json::reader!(@read value, path, errors, $form, [$ty], $($fields)*)
            }
        }
    };
    (
        $form:ident: fn $name:ident -> $ty:ident :: $variant:ident, $what:expr, $open:ident {
            $($fields:tt)*
        }
    ) => {
        $crate::json::reader!(@form $form, $what, $open, $($fields)*);

        fn $name(
            value: &::serde_json::Value,
            path: &str,
            errors: &mut Vec<$crate::json::Problem>,
        ) -> Option<$ty> {
            $crate::json::reader!(@read value, path, errors, $form, [$ty::$variant], $($fields)*)
        }
    };

    (@form $form:ident, $what:expr, $open:ident,
        $($field:ident $(as $name:literal)?: $kind:ident $(($arg:expr))?),+ $(,)?
    ) => {
        const $form: $crate::json::Form = $crate::json::Form {
            what: $what,
            fields: &[$($crate::json::reader!(@name $field $($name)?)),+],
            required: $crate::json::required_mask(&[$($crate::json::reader!(@required $kind)),+]),
            open: $crate::json::reader!(@open $open),
        };
    };

    (@read $value:ident, $path:ident, $errors:ident, $form:ident, $ctor:tt,
        $($field:ident $(as $name:literal)?: $kind:ident $(($arg:expr))?),+ $(,)?
    ) => {{
        #[allow(non_camel_case_types, dead_code)] // the last field is the `_` arm
        enum Field {
            $($field),+
        }
        $(
            #[allow(unused_mut, unused_variables)]
            let mut $field = $crate::json::reader!(
                @before $value, $path, $crate::json::reader!(@name $field $($name)?), $kind $(($arg))?
            );
        )+
        let read = $crate::json::read_fields($value, $path, &$form, $errors, &mut |i, v, p, e| {
            $crate::json::reader!(@dispatch i, v, p, e, [] $($field: $kind,)+)
        });
        $(
            $crate::json::reader!(@after $field, $errors, $kind);
        )+
        if !read {
            return None;
        }
        Some($crate::json::reader!(@build $ctor {} $($field: $kind $(($arg))?,)+))
    }};

    (@name $field:ident) => { stringify!($field) };
    (@name $field:ident $name:literal) => { $name };

    (@required required) => { true };
    (@required given) => { true };
    (@required tag) => { true };
    (@required $kind:ident) => { false };

    (@open open) => { true };
    (@open closed) => { false };

    (@before $value:ident, $path:ident, $name:expr, given($read:expr)) => {
        $value.get($name).map(|v| $read(v, &$crate::json::key_path($path, $name)))
    };
    (@before $value:ident, $path:ident, $name:expr, tag) => { () };
    (@before $value:ident, $path:ident, $name:expr, $kind:ident $(($arg:expr))?) => { None };

    // `match i { 0 => …, 1 => …, _ => … }`, the last field the `_` arm.
    (@dispatch $i:ident, $v:ident, $p:ident, $e:ident, [$($arms:tt)*] $field:ident: $kind:ident,) => {
        match $i {
            $($arms)*
            _ => $crate::json::reader!(@field $field, $v, $p, $e, $kind),
        }
    };
    (@dispatch $i:ident, $v:ident, $p:ident, $e:ident, [$($arms:tt)*]
        $field:ident: $kind:ident, $($rest:tt)+
    ) => {
        $crate::json::reader!(@dispatch $i, $v, $p, $e, [
            $($arms)*
            n if n == Field::$field as usize => $crate::json::reader!(@field $field, $v, $p, $e, $kind),
        ] $($rest)+)
    };

    (@field $field:ident, $v:ident, $p:ident, $e:ident, given) => { true };
    (@field $field:ident, $v:ident, $p:ident, $e:ident, tag) => { true };
    (@field $field:ident, $v:ident, $p:ident, $e:ident, $kind:ident) => {
        $crate::json::set(&mut $field, $v, $p, $e)
    };

    (@after $field:ident, $errors:ident, given) => {
        let $field = match $field {
            Some(Err(problem)) => {
                $errors.push(problem);
                return None;
            }
            Some(Ok(read)) => Some(read),
            None => None,
        };
    };
    (@after $field:ident, $errors:ident, $kind:ident) => {};

    (@build [$($ctor:tt)+] { $($done:tt)* }) => { $($ctor)+ { $($done)* } };
    (@build $ctor:tt { $($done:tt)* } $field:ident: tag, $($rest:tt)*) => {
        $crate::json::reader!(@build $ctor { $($done)* } $($rest)*)
    };
    (@build $ctor:tt { $($done:tt)* } $field:ident: $kind:ident $(($arg:expr))?, $($rest:tt)*) => {
        $crate::json::reader!(@build $ctor {
            $($done)* $field: $crate::json::reader!(@value $field, $kind $(($arg))?),
        } $($rest)*)
    };

    (@value $field:ident, required) => { $field? };
    (@value $field:ident, given($read:expr)) => { $field? };
    (@value $field:ident, optional) => { $field.flatten() };
    (@value $field:ident, default) => { $field.unwrap_or_default() };
    (@value $field:ident, default($or:expr)) => { $field.unwrap_or_else($or) };
}
pub(crate) use reader;
