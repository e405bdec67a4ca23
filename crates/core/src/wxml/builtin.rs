//! The tags WXML knows without `usingComponents`: WeChat's built-in components (the
//! component index of the official documentation, WebView and Skyline) and the
//! language's own tags.

/// Sorted, so a lookup is a binary search.
const BUILTIN_TAGS: [&str; 90] = [
    "ad",
    "ad-custom",
    "aria-component",
    "audio",
    "block",
    "button",
    "camera",
    "canvas",
    "channel-live",
    "channel-video",
    "checkbox",
    "checkbox-group",
    "cover-image",
    "cover-view",
    "double-tap-gesture-handler",
    "draggable-sheet",
    "editor",
    "editor-portal",
    "force-press-gesture-handler",
    "form",
    "functional-page-navigator",
    "grid-builder",
    "grid-view",
    "horizontal-drag-gesture-handler",
    "icon",
    "image",
    "import",
    "include",
    "input",
    "keyboard-accessory",
    "label",
    "list-builder",
    "list-view",
    "live-player",
    "live-pusher",
    "long-press-gesture-handler",
    "map",
    "match-media",
    "movable-area",
    "movable-view",
    "native-component",
    "navigation-bar",
    "navigator",
    "nested-scroll-body",
    "nested-scroll-header",
    "official-account",
    "official-account-publish",
    "open-container",
    "open-data",
    "open-data-item",
    "open-data-list",
    "page-container",
    "page-meta",
    "pan-gesture-handler",
    "picker",
    "picker-view",
    "picker-view-column",
    "progress",
    "radio",
    "radio-group",
    "rich-text",
    "root-portal",
    "scale-gesture-handler",
    "scroll-view",
    "selection",
    "share-element",
    "slider",
    "slot",
    "snapshot",
    "span",
    "sticky-header",
    "sticky-section",
    "store-coupon",
    "store-gift",
    "store-home",
    "store-product",
    "swiper",
    "swiper-item",
    "switch",
    "tap-gesture-handler",
    "template",
    "text",
    "textarea",
    "vertical-drag-gesture-handler",
    "video",
    "view",
    "voip-room",
    "web-view",
    "wxs",
    "xr-frame",
];

/// Whether `tag` is a built-in component or a WXML language tag.
pub(crate) fn is_builtin(tag: &str) -> bool {
    BUILTIN_TAGS.binary_search(&tag).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_for_the_search() {
        assert!(BUILTIN_TAGS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_builtin("view") && is_builtin("picker-view-column"));
        assert!(!is_builtin("t-button") && !is_builtin("View"));
    }
}
