//! Walking leads page by page: no duplicates, no gaps, consistent counts, newest first.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashSet;

use common::start;

async fn walk(
    mock: &common::Mock,
    lead: u64,
    page_size: u64,
) -> Vec<task_history_protocol::wire::TaskRow> {
    let first = mock.page(lead, 1, page_size).await.data;
    let mut rows = Vec::new();
    for page in 1..=first.total_pages {
        let data = mock.page(lead, page, page_size).await.data;
        assert_eq!(data.current_page, page);
        assert_eq!(data.page_size, page_size);
        assert_eq!(
            (data.total_pages, data.total_items),
            (first.total_pages, first.total_items)
        );
        let expected_len = if page < first.total_pages {
            page_size
        } else {
            first.total_items - (page - 1) * page_size
        };
        assert_eq!(
            data.rows.len() as u64,
            expected_len,
            "lead {lead} page {page} of size {page_size}"
        );
        rows.extend(data.rows);
    }
    assert_eq!(rows.len() as u64, first.total_items);
    rows
}

fn assert_newest_first_without_duplicates(rows: &[task_history_protocol::wire::TaskRow]) {
    let ids: HashSet<u64> = rows.iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), rows.len(), "no task appears twice");
    assert!(
        rows.windows(2)
            .all(|w| (&w[0].created_at, w[0].id) >= (&w[1].created_at, w[1].id)),
        "newest created first"
    );
}

#[tokio::test]
async fn walking_the_137_task_lead_gives_every_task_once() {
    let mock = start().await;
    let first = mock.page(20003, 1, 20).await.data;
    assert_eq!((first.total_items, first.total_pages), (137, 7));
    let rows = walk(&mock, 20003, 20).await;
    assert_newest_first_without_duplicates(&rows);
    assert_eq!(
        rows.last().unwrap().id,
        20003 * 100_000 + 1,
        "the oldest task is the last one"
    );
}

#[tokio::test]
async fn every_page_size_partitions_the_same_tasks() {
    let mock = start().await;
    let reference: Vec<u64> = walk(&mock, 20003, 20).await.iter().map(|r| r.id).collect();
    for page_size in [1, 3, 7, 19] {
        let ids: Vec<u64> = walk(&mock, 20003, page_size)
            .await
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(ids, reference, "page_size {page_size}");
    }
}

#[tokio::test]
async fn ten_thousand_task_lead_pages_to_its_end() {
    let mock = start().await;
    let first = mock.page(20004, 1, 20).await.data;
    assert_eq!((first.total_items, first.total_pages), (10_000, 500));
    let last = mock.page(20004, 500, 20).await.data;
    assert_eq!(last.rows.len(), 20);
    assert_eq!(last.rows.last().unwrap().id, 20004 * 100_000 + 1);
    assert!(first.rows[0].created_at > last.rows[0].created_at);
    let rows = walk(&mock, 20004, 20).await;
    assert_newest_first_without_duplicates(&rows);
}

#[tokio::test]
async fn one_page_lead_fits_one_page() {
    let mock = start().await;
    let data = mock.page(20002, 1, 20).await.data;
    assert_eq!(
        (data.total_pages, data.total_items, data.rows.len()),
        (1, 8, 8)
    );
}
