//! Every word the page says, in Korean (the default) and English.

use crate::core::{Field, FieldError, Platform};
use crate::core::{Problem, Screen, WatchView};
use crate::wire::{IdError, InputProblem, SaveError, Stage, Style};

/// Language of the page: `?lang=en` for English, Korean otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Ko,
    En,
}

impl Lang {
    /// Reads a `lang` query value; anything but `en` is Korean.
    pub fn from_tag(tag: Option<&str>) -> Self {
        match tag.map(str::trim) {
            Some(t)
                if t.eq_ignore_ascii_case("en") || t.to_ascii_lowercase().starts_with("en-") =>
            {
                Lang::En
            }
            _ => Lang::Ko,
        }
    }

    /// The BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }

    /// The words of this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Ko => &KO,
            Lang::En => &EN,
        }
    }
}

/// The page's fixed words in one language.
pub struct Texts {
    pub title: &'static str,
    pub requesting: &'static str,
    pub pending: &'static str,
    pub processing: &'static str,
    pub typical_wait: &'static str,
    pub progress_label: &'static str,
    seconds: fn(u64, u64) -> String,
    pub ready: &'static str,
    pub group_label: &'static str,
    pub confirm: &'static str,
    pub image_refused: &'static str,
    pub image_broken: &'static str,
    pub regenerate: &'static str,
    pub regenerating: &'static str,
    pub keep_waiting: &'static str,
    pub server_says: &'static str,
    simple: &'static str,
    fancy: &'static str,
    trendy: &'static str,
    alt_suffix: &'static str,
    failed: [&'static str; 2],
    not_found: [&'static str; 2],
    timed_out: [&'static str; 2],
    generate_failed: [&'static str; 2],
    signed_out: [&'static str; 2],
    no_images: [&'static str; 2],
    /// Said in the live region while the browser is offline.
    pub offline: &'static str,
    pub offline_hint: &'static str,
    /// The tab's title when the wait ended while the page was hidden.
    pub tab_ready: &'static str,
    pub tab_problem: &'static str,
    /// Retries one image that failed to load.
    pub reload_image: &'static str,
    /// Opens the chosen image large, and closes it.
    pub zoom: &'static str,
    pub close: &'static str,
    bad_input: &'static str,
    no_ids: &'static str,
    no_draft: &'static str,
    bad_job: &'static str,
    bad_draft: &'static str,
    id_empty: &'static str,
    id_long: &'static str,
    id_chars: &'static str,
    id_dots: &'static str,
    /// The editor (contract, "Editing").
    pub edit: EditTexts,
}

/// The editor's words.
pub struct EditTexts {
    /// The editor's name, for its landmark.
    pub label: &'static str,
    /// What the live region says while editing: before and after the style.
    editing: (&'static str, &'static str),
    /// The six fields' labels, in the form's order.
    fields: [&'static str; 6],
    /// Under the title, and under prize and how to join.
    pub title_hint: &'static str,
    pub text_hint: &'static str,
    required: &'static str,
    too_long: fn(usize, usize) -> String,
    not_a_color: &'static str,
    /// Text colour on the background below 4.5:1; the ratio as "3.2".
    low_contrast: fn(&str) -> String,
    pub colors_legend: &'static str,
    pub platform_legend: &'static str,
    pub preview: &'static str,
    pub save: &'static str,
    pub save_again: &'static str,
    pub other_styles: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub waiting_online: &'static str,
    pub offline_note: &'static str,
    pub failed: &'static str,
    pub kept: &'static str,
    timed_out: &'static str,
    network: &'static str,
    busy: &'static str,
    refused: &'static str,
}

const KO: Texts = Texts {
    title: "이벤트 이미지 스타일 고르기",
    requesting: "이미지 생성을 요청하고 있어요…",
    pending: "이미지 생성을 준비하고 있어요…",
    processing: "이미지를 만들고 있어요…",
    typical_wait: "보통 20초쯤 걸려요. 이 화면을 닫지 말고 기다려 주세요.",
    progress_label: "기다린 시간",
    seconds: |used, total| format!("{total}초 중 {used}초"),
    ready: "이미지 3장이 준비됐어요. 마음에 드는 스타일을 골라 주세요.",
    group_label: "이미지 스타일",
    confirm: "이 스타일 선택",
    image_refused: "안전하지 않은 주소라서 이 이미지는 불러오지 않았어요.",
    image_broken: "이미지를 불러오지 못했어요.",
    regenerate: "다시 생성",
    regenerating: "새 이미지를 요청하고 있어요…",
    keep_waiting: "계속 기다리기",
    server_says: "서비스 메시지",
    simple: "심플",
    fancy: "화려한",
    trendy: "트렌디",
    alt_suffix: " 스타일 이벤트 이미지",
    failed: ["이미지를 만들지 못했어요.", "다시 생성을 누르면 새로 만들어 드려요."],
    not_found: [
        "이미지 생성 작업을 찾을 수 없어요.",
        "작업은 1시간 동안만 보관돼요. 다시 생성을 누르면 새로 만들어 드려요.",
    ],
    timed_out: [
        "이미지 생성이 평소보다 오래 걸리고 있어요.",
        "조금 더 기다리거나, 다시 생성을 눌러 새로 만들 수 있어요.",
    ],
    generate_failed: [
        "새 이미지를 요청하지 못했어요.",
        "인터넷 연결을 확인한 뒤 다시 생성을 눌러 주세요.",
    ],
    no_images: [
        "이미지를 보여 드릴 수 없어요.",
        "세 이미지 모두 안전하지 않은 주소로 왔어요. 다시 생성을 누르면 새로 만들어 드려요.",
    ],
    signed_out: [
        "로그인이 필요해요.",
        "로그인이 만료되었거나 이 이벤트를 볼 권한이 없어요. 다시 로그인한 뒤 이 화면을 열어 주세요.",
    ],
    offline: "인터넷 연결이 끊겼어요. 연결되면 이어서 기다릴게요.",
    offline_hint: "이미지는 서버에서 계속 만들어지고 있어요. 연결이 돌아오면 이 화면이 알아서 이어서 확인해요.",
    tab_ready: "✓ 이미지가 준비됐어요",
    tab_problem: "⚠ 이미지 확인이 필요해요",
    reload_image: "다시 불러오기",
    zoom: "크게 보기",
    close: "닫기",
    bad_input: "이 주소로는 이미지를 찾을 수 없어요.",
    no_ids: "주소에 이벤트 정보(eventDraftId)와 작업 번호(jobId)가 없어요. 이벤트 만들기 화면에서 다시 들어와 주세요.",
    no_draft: "주소에 이벤트 정보(eventDraftId)가 없어요. 이벤트 만들기 화면에서 다시 들어와 주세요.",
    bad_job: "주소의 작업 번호(jobId)가 올바르지 않아요",
    bad_draft: "주소의 이벤트 정보(eventDraftId)가 올바르지 않아요",
    id_empty: "비어 있어요",
    id_long: "128자보다 길어요",
    id_chars: "쓸 수 없는 글자가 있어요",
    id_dots: "점(.)만으로 되어 있어요",
    edit: EditTexts {
        label: "이미지 편집",
        editing: ("", " 스타일을 골랐어요. 글자와 색을 고친 뒤 저장해 주세요."),
        fields: ["제목", "경품", "참여 방법", "배경색", "글자색", "강조색"],
        title_hint: "꼭 적어 주세요. 40자까지 쓸 수 있어요.",
        text_hint: "80자까지 쓸 수 있어요.",
        required: "제목을 적어 주세요.",
        too_long: |max, now| format!("{max}자까지 쓸 수 있어요. 지금 {now}자예요."),
        not_a_color: "#rrggbb 형식의 색을 골라 주세요.",
        low_contrast: |ratio| format!("글자색과 배경색의 대비가 {ratio}:1이에요. 읽기 쉬우려면 4.5:1 이상이 좋아요."),
        colors_legend: "색",
        platform_legend: "게시 형식",
        preview: "미리보기",
        save: "저장",
        save_again: "다시 저장",
        other_styles: "다른 스타일",
        saving: "저장하고 있어요…",
        saved: "저장했어요. 이벤트 초안에 반영됐어요.",
        waiting_online: "인터넷 연결이 끊겼어요. 연결되면 바로 저장할게요.",
        offline_note: "인터넷 연결이 끊겼어요. 저장은 연결이 돌아오면 할 수 있어요.",
        failed: "저장하지 못했어요.",
        kept: "고친 내용은 그대로 있어요. 다시 저장을 눌러 주세요.",
        timed_out: "서비스가 15초 동안 답하지 않았어요.",
        network: "인터넷 연결을 확인해 주세요.",
        busy: "서비스가 잠시 바빠요. 잠시 뒤에 다시 저장해 주세요.",
        refused: "서비스가 입력한 내용을 받지 않았어요.",
    },
};

const EN: Texts = Texts {
    title: "Pick a style for your event image",
    requesting: "Requesting your images…",
    pending: "Getting ready to draw your images…",
    processing: "Drawing your images…",
    typical_wait: "This usually takes about 20 seconds. Please keep this page open.",
    progress_label: "Time waited",
    seconds: |used, total| format!("{used} of {total} seconds"),
    ready: "Your 3 images are ready. Pick the style you like.",
    group_label: "Image style",
    confirm: "Use this style",
    image_refused: "This image was not loaded because its address is not secure.",
    image_broken: "This image could not be loaded.",
    regenerate: "Regenerate",
    regenerating: "Requesting new images…",
    keep_waiting: "Keep waiting",
    server_says: "Message from the service",
    simple: "Simple",
    fancy: "Fancy",
    trendy: "Trendy",
    alt_suffix: " style event image",
    failed: ["We couldn't create your images.", "Press Regenerate to try again."],
    not_found: [
        "We couldn't find this image job.",
        "Jobs are kept for one hour. Press Regenerate to create new images.",
    ],
    no_images: [
        "We can't show any of your images.",
        "All three came with addresses that are not secure. Press Regenerate to create new ones.",
    ],
    timed_out: [
        "Your images are taking longer than usual.",
        "You can keep waiting a little longer, or regenerate them.",
    ],
    generate_failed: [
        "We couldn't request new images.",
        "Check your connection, then press Regenerate.",
    ],
    signed_out: [
        "Please sign in again.",
        "Your sign-in has expired, or it does not allow this event. Sign in again, then reopen this page.",
    ],
    offline: "You're offline. We'll carry on waiting when the connection is back.",
    offline_hint: "The images are still being drawn on the server. This page checks again by itself once you're back online.",
    tab_ready: "✓ Your images are ready",
    tab_problem: "⚠ Your images need attention",
    reload_image: "Reload image",
    zoom: "View larger",
    close: "Close",
    bad_input: "This link can't show any images.",
    no_ids: "The link has no event (eventDraftId) and no job (jobId). Please open this page again from the event editor.",
    no_draft: "The link has no event (eventDraftId). Please open this page again from the event editor.",
    bad_job: "The job id (jobId) in the link is not valid",
    bad_draft: "The event id (eventDraftId) in the link is not valid",
    id_empty: "it is empty",
    id_long: "it is longer than 128 characters",
    id_chars: "it has characters that are not allowed",
    id_dots: "it is made only of dots",
    edit: EditTexts {
        label: "Edit the image",
        editing: ("You picked the ", " style. Edit the texts and colours, then save."),
        fields: ["Title", "Prize", "How to join", "Background", "Text colour", "Accent colour"],
        title_hint: "Required. Up to 40 characters.",
        text_hint: "Up to 80 characters.",
        required: "Enter a title.",
        too_long: |max, now| format!("Use at most {max} characters (now {now})."),
        not_a_color: "Pick a colour written as #rrggbb.",
        low_contrast: |ratio| format!("The text colour on this background has a contrast of {ratio}:1. 4.5:1 or more is easier to read."),
        colors_legend: "Colours",
        platform_legend: "Post format",
        preview: "Preview",
        save: "Save",
        save_again: "Save again",
        other_styles: "Other styles",
        saving: "Saving…",
        saved: "Saved to your event draft.",
        waiting_online: "You're offline. We'll save as soon as the connection is back.",
        offline_note: "You're offline. You can save once the connection is back.",
        failed: "Your changes were not saved.",
        kept: "Your edits are still here. Press Save again.",
        timed_out: "The service did not answer within 15 seconds.",
        network: "Check your connection.",
        busy: "The service is busy right now. Please save again in a moment.",
        refused: "The service did not accept these details.",
    },
};

impl Texts {
    /// The visible name of a style.
    pub fn style(&self, style: Style) -> &'static str {
        match style {
            Style::Simple => self.simple,
            Style::Fancy => self.fancy,
            Style::Trendy => self.trendy,
        }
    }

    /// The `alt` text of a style's image; names the style.
    pub fn alt(&self, style: Style) -> String {
        format!("{}{}", self.style(style), self.alt_suffix)
    }

    /// The progress bar's spoken value: seconds waited of the watch's seconds.
    pub fn seconds_of(&self, used: u64, total: u64) -> String {
        (self.seconds)(used, total)
    }

    /// What the live region says for `view`; on the completed screen, before
    /// a style is confirmed (the editor speaks for itself: `ui::completed`).
    pub fn status(&self, view: &WatchView) -> String {
        if view.regenerating {
            return self.regenerating.to_owned();
        }
        match &view.screen {
            Screen::Requesting => self.requesting.to_owned(),
            Screen::Waiting { stage, message, .. } => message
                .clone()
                .unwrap_or_else(|| self.waiting(*stage).to_owned()),
            Screen::Completed { .. } => self.ready.to_owned(),
            // The alert says what happened.
            Screen::Problem(_) => String::new(),
            Screen::Offline => self.offline.to_owned(),
        }
    }

    /// Our message while waiting, when the server sent none.
    pub fn waiting(&self, stage: Option<Stage>) -> &'static str {
        match stage {
            Some(Stage::Processing) => self.processing,
            _ => self.pending,
        }
    }

    /// Headline and explanation of a problem, in a store owner's words.
    pub fn problem(&self, problem: &Problem) -> (String, String) {
        let pair = |p: &[&str; 2]| (p[0].to_owned(), p[1].to_owned());
        match problem {
            Problem::Failed { .. } => pair(&self.failed),
            Problem::NotFound => pair(&self.not_found),
            Problem::TimedOut => pair(&self.timed_out),
            Problem::GenerateFailed(_) => pair(&self.generate_failed),
            Problem::SignedOut(_) => pair(&self.signed_out),
            Problem::NoImages => pair(&self.no_images),
            Problem::BadInput(input) => (self.bad_input.to_owned(), self.input_problem(input)),
        }
    }

    fn input_problem(&self, problem: &InputProblem) -> String {
        let id = |e: &IdError| match e {
            IdError::Empty => self.id_empty,
            IdError::TooLong(_) => self.id_long,
            IdError::BadChar(_) => self.id_chars,
            IdError::OnlyDots => self.id_dots,
        };
        match problem {
            InputProblem::NothingGiven => self.no_ids.to_owned(),
            InputProblem::MissingDraft => self.no_draft.to_owned(),
            InputProblem::BadJobId(e) => format!("{}: {}.", self.bad_job, id(e)),
            InputProblem::BadDraftId(e) => format!("{}: {}.", self.bad_draft, id(e)),
        }
    }
}

impl EditTexts {
    /// The label of a field.
    pub fn field(&self, field: Field) -> &'static str {
        self.fields[Field::ALL.iter().position(|f| *f == field).unwrap_or(0)]
    }

    /// What the live region says once the editor is open for `style`.
    pub fn editing(&self, style_name: &str) -> String {
        format!("{}{}{}", self.editing.0, style_name, self.editing.1)
    }

    /// The message tied to a field out of bounds; `now` is its length in characters.
    pub fn problem(&self, problem: FieldError, now: usize) -> String {
        match problem {
            FieldError::Required => self.required.to_owned(),
            FieldError::TooLong(max) => (self.too_long)(max, now),
            FieldError::NotAColor => self.not_a_color.to_owned(),
        }
    }

    /// The hint beside the colours when the text colour is hard to read on the background.
    pub fn low_contrast(&self, ratio: f32) -> String {
        // Tenths by integer arithmetic: float formatting would cost the page kilobytes.
        let tenths = (ratio * 10.0) as u32;
        (self.low_contrast)(&format!("{}.{}", tenths / 10, tenths % 10))
    }

    /// Why a save did not go through; a 400's own message as it came.
    pub fn failure(&self, error: &SaveError) -> String {
        match error {
            SaveError::TimedOut => self.timed_out.to_owned(),
            SaveError::Network(_) => self.network.to_owned(),
            SaveError::Refused(Some(message)) => message.clone(),
            SaveError::Refused(None) => self.refused.to_owned(),
            SaveError::Http(_) | SaveError::SignedOut(_) | SaveError::TooLarge => {
                self.busy.to_owned()
            }
        }
    }
}

impl Platform {
    /// The frame's name with its shape, e.g. "Instagram 1:1".
    pub fn name(self) -> &'static str {
        match self {
            Platform::Instagram => "Instagram 1:1",
            Platform::Kakao => "Kakao 1:1",
            Platform::Naver => "Naver 4:3",
        }
    }
}
