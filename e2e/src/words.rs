//! The page's words the tests read and click, as `src/i18n.rs` writes them
//! (Korean, the default, unless named English).

/// The styles as `style-selected`'s detail names them.
pub const STYLES: [&str; 3] = ["simple", "fancy", "trendy"];
/// The server's PROCESSING message, shown in `role=status`.
pub const PROCESSING: &str = "이미지 생성 중입니다";
/// `role=status` while the browser is offline.
pub const OFFLINE: &str = "인터넷 연결이 끊겼어요";
/// The alert's buttons.
pub const REGENERATE: &str = "다시 생성";
pub const KEEP_WAITING: &str = "계속 기다리기";
/// The cards' confirm button.
pub const CONFIRM: &str = "이 스타일 선택";
/// The editor's fields, in the form's order.
pub const FIELDS: [&str; 6] = ["제목", "경품", "참여 방법", "배경색", "글자색", "강조색"];
/// The editor's buttons.
pub const SAVE: &str = "저장";
/// `role=status` once the editor is open on 화려한, and once saved.
pub const EDITING_FANCY: &str = "화려한 스타일을 골랐어요";
pub const SAVED: &str = "저장했어요";
/// The alert's words when the gateway refused the owner.
pub const SIGN_IN: &str = "로그인";
