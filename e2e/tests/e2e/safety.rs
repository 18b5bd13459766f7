//! Contract, The page: "Text from the server is shown as text, never as markup.
//! An image URL that is not https: (or http: on localhost) is not loaded; its
//! card says so."

use crate::NORMAL_JOB;
use e2e::page::with_page;
use std::time::Duration;

/// `xss`: the PROCESSING message is `<img src=x onerror=alert(1)><b>bold</b>`.
#[tokio::test]
async fn server_message_is_text_not_markup() {
    with_page(Duration::from_secs(30), |page| async move {
        crate::open_new_job(&page, "xss").await;
        let (snap, _) = page
            .wait_until("the message shown as text", NORMAL_JOB, |s| {
                s.status.iter().any(|t| t.contains("<b>bold</b>"))
            })
            .await;
        assert!(
            snap.status
                .iter()
                .any(|t| t.contains("<img src=x onerror=alert(1)>")),
            "the whole message is literal text: {:?}",
            snap.status
        );
        assert!(
            !snap.img_srcs.iter().any(|s| s.as_deref() == Some("x")),
            "no img[src=x]: {:?}",
            snap.img_srcs
        );
        let markup = page
            .client
            .execute(
                "return document.querySelectorAll('[role=status] b, [role=status] img').length;",
                vec![],
            )
            .await
            .expect("query");
        assert_eq!(markup, 0, "no element made from the server's text");
        assert_eq!(page.js_dialog().await, None, "no alert() ran");
    })
    .await;
}

/// `badurl`: fancy = `javascript:alert(1)`, trendy = `http://example.invalid/x.png`.
#[tokio::test]
async fn unsafe_image_urls_are_not_loaded() {
    with_page(Duration::from_secs(30), |page| async move {
        crate::open_new_job(&page, "badurl").await;
        let snap = page.wait_for_cards(NORMAL_JOB).await;
        let srcs: Vec<&str> = snap.img_srcs.iter().flatten().map(String::as_str).collect();
        assert!(
            !srcs
                .iter()
                .any(|s| s.trim_start().to_lowercase().starts_with("javascript:")),
            "{srcs:?}"
        );
        assert!(
            !srcs.iter().any(|s| s.contains("example.invalid")),
            "{srcs:?}"
        );
        assert!(
            snap.radios[0].img_src.is_some(),
            "the simple card's safe URL loads: {:?}",
            snap.radios[0]
        );
        for (i, card) in snap.radios.iter().enumerate().skip(1) {
            assert!(card.img_src.is_none(), "card #{i} loads no image: {card:?}");
            println!("badurl card #{i} says: {:?}", card.text);
        }
        assert_eq!(page.js_dialog().await, None, "no alert() ran");
    })
    .await;
}
