"""Write docs/accuracy.md: how far to trust rknnlint per target family, dtype and rknn-toolkit2 version.

    python calibration/accuracy.py [--results calibration/results] [--out docs/accuracy.md] [--check]

Reads every calibration/results/<target>-<dtype>-<version>.json that calibration/score.py wrote (scored the way
issue 12 says: verdict agreement, failure recall, false alarms, and CPU placement
recall and precision by ONNX node) and writes one table per family, a row per toolkit version and dtype.
A results file written before precision was scored shows "not scored" there. --check exits 1 when the page on
disk differs from what the results say (for CI).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

HEADER = """# How accurate rknnlint is, per target

Every figure below compares `rknnlint check` with what the real rknn-toolkit2 did when it built the same
model for the same target (calibration/run_toolkit.py, a child process per model, the verbose "Network Layer
Information Table" read back). Regenerate this page with `python calibration/accuracy.py` after
`calibration/score.py` has scored a truth file (see calibration/README.md).

- **verdict**: rknnlint predicts a failing build when it reports an error-severity finding; agreement with
  the real build as exported (timeouts left out).
- **failure recall**: failing builds that rknnlint predicted; **false alarms**: built models it said would fail.
- **CPU recall / precision (by node)**: on models that built, the ONNX nodes the toolkit's CPU layers map to
  (a layer the toolkit inserted counts for the node or graph input it sits on) against the nodes named by a
  warning or error of a placement rule (RKN601, RKN610, RKN611). Precision says how often a "runs on the CPU"
  warning is right.
- **held out**: the same figures when the measured motif tables (rules/motifs/) are made only from the other
  half of the models (`calibration/mine_motifs.py crossval`, 2-fold by model): what to expect on models unlike
  the calibration set. The in-sample figures use tables measured on these very models.
- **unseen**: CPU recall / precision by node on exports nobody calibrated on, how many of them built and the
  verdict agreement over all of them (`calibration/score.py` writes
  `calibration/results/unseen/<target>-<dtype>-<version>.json`), built with the real toolkit like the rest; "-"
  where that was not measured. rk3566 float16: calibration/export_unseen.py (other timm / torchvision
  architectures, dynamo exports, ultralytics heads). The other rows: a second set, calibration/export_unseen2.py
  (46 exports: timm CNNs with split, selective-kernel, lambda and bottleneck attention, NF-ResNet, MLP mixers and
  ViTs at small inputs, torchvision Inception-v3, EfficientNetV2, R(2+1)D video and RAFT optical flow, ultralytics
  YOLO12 / YOLO26 heads and a YOLOv8 RT-DETR, hand-built OCR, super-resolution, conformer, GAN and speech-separation
  models), none in either calibration set. Their first scoring, by the rknnlint of that day, is kept in
  calibration/results/unseen/before-fixes/ and shown as "(was N%)" once fixes found from the set's misses were
  measured on small models and the set re-scored: from then on the set is no longer unseen for those figures.
  The fixes it taught (each measured on minimal models on every family; docs/probe.md): the crash pattern
  batchnorm-statistics-outputs (NF-ResNet), RKN705 on CaiT's talking-heads attention, multi-query attention's
  CPU Expand (placement_sweep.py `mqa`, MobileNetV4-hybrid), a Tile by 1 folded away (GCViT) and the crash pattern
  rel-logits-expand-transpose (BoTNet's relative position logits, reduced with `rknnlint build --reduce`). Re-scored so:
  rk3588, rk3576 and rk3562 float16 and rv1106 int8 (the "(was N%)" scoring is rknnlint e50c4a0; the re-scoring also
  carries what other work changed in rknnlint meanwhile). Still missed there: RT-DETR's cross-attention Transposes (rk3576, rv1106),
  SKNet's selective-kernel Reshapes (rv1106, rk3562) and RAFT's channels-last Concat (rk3588) and Resize (rk3562);
  false on rv1106: the rank-5 qk Transpose of ConViT / GCViT (a minimal qk / qkv attention stayed on the NPU
  too, so the table's CPU entry comes from a context not yet isolated).
- **unseen set 4**: the same figures on a fourth set nobody calibrated on, calibration/export_unseen3.py (36
  exports: timm mobile CNNs and hybrids such as GhostNetV2 / V3, HGNet, InceptionNeXt, FastViT-MCi0, SwiftFormer,
  EVA-02, DaViT; torchvision ResNeXt, MC3 video and Keypoint R-CNN; ultralytics YOLO26 depth / semantic / P2, YOLO12
  pose / OBB, YOLOv5 / YOLOv8-pose P6; hand-built U-Net with ConvTranspose, depth decoder, GRU CRNN, causal TCN,
  PointNet, transformer decoder, DS-CNN keyword spotter, integral pose head; TorchScript and dynamo, opsets 12-19),
  built mostly with rknn-toolkit2 2.3.2 (`calibration/results/unseen3/<target>-<dtype>-<version>.json`), and with
  2.3.0 and 2.2.0 on rk3566 float16 and rv1106 int8 (issue 12's older versions). Its first
  scoring, before any fix its misses taught, is kept in calibration/results/unseen3/before/ and shown as "(was N%)"
  once a later scoring exists. The fixes it taught, each measured on small models (docs/probe.md): Cast to uint8 fails
  the build on every family (YOLO26-sem's class map: every verdict it missed), rk3566's rows alignment of a Linear
  only toward the graph output (`wrows`), YOLO12's area-split attention (`aattn_area`, rk3566), a rank-3 input's
  Reshape by its last dim (`in3`, rk3588 / rk3566). Still missed: DaViT's window Pad (shapes the toolkit folds) and
  its crash on rv1106b, ultralytics pose / OBB decode tails on rk3566, the opset-12 DFL Softmax on rv1106b.
- **unseen set 5**: the same figures on a fifth set, calibration/export_unseen4.py (27 exports in none of the sets
  above: timm TResNet-M, ECA-NFNet-L0, ConvMixer, Twins-PCPVT, Sequencer2D, VOLO-D1, RDNet, CAFormer, FocalNet,
  CSPDarknet-53, Xception-41, ECA-ResNet-26t, SPNASNet, Next-ViT; ultralytics YOLO26 P6, YOLO12 cls, YOLOv8 seg P6 /
  ghost P6 / ResNet-50 cls; hand-built ECAPA-TDNN, FSRCNN, global-matching flow, lane row anchors, RetinaFace, ReID
  L2-normalize, Siamese cross-correlation, PFLD; opsets 11-19, dynamo at 18-19), built with rknn-toolkit2 2.3.2 (and
  2.5.0) like set 4 (`calibration/results/unseen4/`, its first scoring in `before/`, shown as "(was N%)"). The fixes
  it taught, each measured on small models: the GELU orders each toolkit version fuses (`gelu_form`: with 2.2.0-2.3.2
  only the TorchScript order, so the dynamo exporter's Erf runs on the CPU: VOLO's 20 Erf on every family), RKN708
  silent on a mean the toolkit folds away (behind an all-zero weight: ECA-ResNet's false alarm), a stride-3
  ConvTranspose with output_padding on the CPU on rk3566 / rk3588 (FSRCNN), the crash pattern pooled-row-gemm-wide
  (rk2118 with 2.3.x: PFLD's Linear of 196 outputs on a pooled row of 176). Still missed: rk3566's layout nodes of
  VOLO, CAFormer's 49-token MLP, Twins, YOLO12-cls and ECAPA, RetinaFace's head Reshapes (rk3588, rk3566).
- **unseen set 6**: the same figures on a sixth set, calibration/export_unseen5.py (27 exports in none of the sets
  above: timm EfficientViM-M1, LowFormer-B0, iFormer-M, CSATv2, PP-LCNetV2, HaloNet-26t, Inception-v4, TNT-S,
  gMixer-12, ResNet-Blur-18, ResNet-AA-34d, FBNet-C, Hiera-T, CoAtNeXt-nano; torchvision S3D; ultralytics YOLOv9c
  seg, YOLOv8 ghost P2; hand-built DeepLabV3+ ASPP decoder, CenterNet TopK decode, DBNet binarisation, CRNN with a
  two-layer BiLSTM (dynamo), MobileFaceNet, BiSeNet, SimCC, IMU depthwise TCN, keyword transformer, NanoDet GFL /
  DFL head; opsets 11-19, dynamo at 18-19), built with rknn-toolkit2 2.3.2 (and 2.3.0, 2.5.0) like set 5
  (`calibration/results/unseen5/`, its first scoring, with the code before anything it taught, in `before/`, shown
  as "(was N%)" once a later scoring exists). The fixes it taught, each measured on small models (docs/probe.md):
  RKN205 with 2.3.2 / 2.3.0 on an LSTM / GRU with `layout` whose output feeds another RNN or a MatMul (the dynamo
  CRNN's stacked BiLSTMs: failed on every family), the crash pattern maxpool-5d (S3D's MaxPool3d: SIGABRT on all
  seven families with 2.2.0-2.5.0), a linear Resize of a 1 x 1 map on the NPU (DeepLabV3+'s pooled branch). Still
  missed: rk3566's layout nodes (TNT, EfficientViM, NanoDet), DeepLabV3+'s rk2118 crash (a heap overflow in OpEmit;
  a dilation-18 Conv over 8 x 16 and a pooled 1 x 1 Conv -> Resize each crashed alone there, not isolated further),
  the rank-5 qkv Transposes of TNT predicted on the CPU on rv1106 (they ran on the NPU).
- **unseen set 7**: the same figures on a seventh set, calibration/export_unseen6.py (29 exports in none of the sets
  above: timm CPUBone, ConvFormer, CSPNeXt, ViTamin, MaxxViT-v2, ResNet-v2, SE-ResNeXt-26ts and EfficientNet-Blur
  (dynamo), legacy SE-ResNet, HieraDet, DenseNet-Blur, ECA-ResNet-light, SE-DarkNet-21, ViT with registers, ViT with
  relative positions, MobileNetV4-AA; torchvision R3D-18; ultralytics YOLOv3u-SPP; hand-built medical U-Net,
  Real-ESRGAN compact, PFLD, GRU denoiser, PointPillars scatter, UFLD, YOLOX decode, ArcFace IResNet, tiny LLM decoder,
  PWC-Net cost volume, SincNet; opsets 11-19), built with rknn-toolkit2 2.3.2 on seven families (and 2.3.0 rk3588,
  2.5.0 rk3566, 2.3.2 rk3588 int8) (`calibration/results/unseen6/`, its first scoring in `before/`, shown as "(was
  N%)"). The fixes it taught, each measured on small models (docs/probe.md): RKN708 with a zero weight shared through
  an Identity (ECA-ResNet-light: failed on every family with 2.3.2), the crash patterns grid-tokens-qkv-reshape
  (MaxxViT-v2: rk3566, rk2118, rv1106b with 2.3.2, rk3566 with 2.5.0) and tokens-qkv-heads-split (2.5.0), a map
  flattened into a Linear (`mapflat`: ArcFace, UFLD on rk3588 / rk3566 2.3.2), a written-out RMSNorm as one fused
  layer (the tiny decoder on rv1106 / rv1106b / rk2118), Expand / Add of computed integers probed on rv1106 / rv1106b
  with 2.3.2 (PointPillars' false alarms); then the crash pattern depthwise-7x7-small-map-wide (ConvFormer-S18's
  SIGABRT on rv1106b with 2.3.0 / 2.3.2 / 2.5.0), the small-model sweeps `grid6` (MaxxViT's rank-6 grid-reverse
  Transpose on the CPU with 2.3.2 on rk3588, rk3576, rk3562, with its Reshapes with 2.3.0) and `gn1s` (CPUBone's
  GroupNorm(1) Reshapes on the CPU with 2.3.0 on rk3588 where neither H nor W is a multiple of 4), `shapeonly` (a
  node only a Shape reads is dropped) and `yhead3_shaped` (YOLOX's Shape-made level Reshapes keep their size class).
  Still missed: PFLD's false alarm on rk2118 (pooled-row-gemm-wide: it built; cut subgraphs did not isolate a graph
  condition, docs/probe.md), rv1106's MaxxViT Transposes, rk3566's layout nodes.
- **unseen set 8**: the same figures on an eighth set, calibration/export_unseen7.py (26 exports in none of the sets
  above: timm DeiT-III, BEiT, MViTv2, the hybrid ViT on a BiT stem, SAM's ViT encoder, Inception-ResNet-v2,
  ResNet-50-GN, BiT-R50 and ConvNeXt-RMS (dynamo), CondConv EfficientNet; torchvision AlexNet; ultralytics
  YOLOv8-Worldv2, YOLOE-11; hand-built LPRNet, PIDNet, MODNet, a DPT depth head, an EfficientSAM encoder, SuperPoint,
  SCRFD, RTMPose with its gated attention unit, a wav2vec2-like encoder, a VAE decoder, Fast-SCNN, ENet with
  MaxUnpool, BlazeFace; opsets 11-18), built with rknn-toolkit2 2.3.2 on rk3588, rk3566, rk3576, rk3562, rk2118
  float16 and rv1106, rv1106b, rk3588 int8, and with 2.3.0 on rk3588 (`calibration/results/unseen7/`, its first
  scoring, with the code before anything it taught, in `before/`, shown as "(was N%)"). The fixes it taught, each
  measured on small models (docs/probe.md): crash pattern constant-of-shape-default-value (ENet's MaxUnpool zeros as
  dynamo writes them: load_onnx fails on every family with 2.2.0-2.5.0), batchnorm-statistics-outputs measured with
  2.2.0-2.3.2 and its opset-14 training_mode form (the hybrid ViT's BiT stem), placement_sweep `padc` (BlazeFace's
  channel Pad on the CPU by C's alignment), `outrows` (no CPU Reshape on SCRFD's [H * W, K] outputs), a ScatterND
  overwriting its whole data dropped by 2.3.2 / 2.5.0 (MViTv2), CondConv's depthwise weight Reshape on the CPU and
  its wide MatMul not (rk3588, rk3566). Still missed: SAM ViT's rel-pos Adds and Transposes (shapes unknown to
  rknnlint), its 2.3.0 build failure on rk3588 (a Reshape the toolkit inserts fails in onnxruntime; not reduced),
  ConvNeXt-zepto-RMS's SIGSEGV on rk2118, MODNet's IBNorm Transpose, rk3566's layout nodes, the channel Pads on
  rv1106 int8 (its 2.3.2 table is read over 2.5.0's, whose Pad changed).
- **unseen set 9**: the same figures on a ninth set, calibration/export_unseen8.py (29 exports in none of the sets
  above: timm's VLM vision towers (Qwen3-VL, Gemma 4, DeepSeek), MobileNetV5, NaFlexViT-SigLIP, Swin-V2-CR, legacy
  Xception, VGG-11-BN; ultralytics YOLOE-v8 and YOLOE-26 segmentation, RT-DETR-R50; hand-built Whisper-style log-mel
  encoder, Robust-Video-Matting, HiFi-GAN, QuartzNet, NetVLAD, OSNet-AIN, SegFormer-B0, SeaFormer, PP-LiteSeg, LaMa's
  fast Fourier convolution, a DCNv2 neck, a RoIAlign box head, TSM, Zero-DCE++, 6DRepNet, PatchCore, a DDPM U-Net
  with a timestep input, PatchTST; opsets 11-19), built with rknn-toolkit2 2.3.2 (and 2.3.0 on rk3588) like set 8
  (`calibration/results/unseen8/`, its first scoring, with the code before anything it taught, in `before/`, shown
  as "(was N%)" once a later scoring exists). The fixes it taught, each measured on small models (docs/probe.md):
  the crash pattern transpose-softmax-negative-axis (QuartzNet's CTC tail, Transpose -> LogSoftmax(axis=-1): fails
  in _swap_transpose_softmax on all seven families with 2.2.0-2.5.0; the axis written positive builds) and
  constant-query-attention measured on rv1106 with 2.3.2 (NaFlexViT-SigLIP's attention-pool head failed there).
  Then (docs/probe.md) Swin's q / k / v takes (`wtake`), TSM's clip mean (`clipmean`), the waveform Pad and Max
  (`in3pad`, `maxs`), SeaFormer's axial means, the written-out RMSNorm over channels (`rmsc`, `rms_cf`), rk3566's
  channel pools and attention forms, SAM's relative-position outer sum (`relpos`) and the crash patterns
  roi-batch-index-cast, row-sum-squares-narrow, attention-values-are-keys; RT-DETR-R50's 2.3.x failure again once
  gathers-sharing-indices follows indices through an Add of zeros. Its PatchTST export is itself invalid (torch's
  unfold export: onnxruntime rejects it too; RKN206).
- **unseen set 10**: the same figures on a tenth set, calibration/export_unseen9.py (27 exports in none of the sets
  above: timm Twins-SVT-S, a RoPE ViT-M and DINOv3 ViT-S cut to 4 blocks (dynamo), FastViT-SA12, ECA-HaloNeXt-26
  (dynamo), SE-BoTNet-33, Swin-S3-T, MaxViT-RMLP-pico, ResNet-51-Q, ViT-S 18x2 (parallel blocks); ultralytics YOLO11s
  at 640, YOLO12s-pose at 480, YOLOv10s at 416; torchvision R(2+1)D-18 at 8 x 112; hand-built CLIP text encoder,
  BERT-tiny with a mask input, U2-Net-lite, a MobileSAM-style mask decoder, Restormer-lite, DTLN with state inputs, a
  YuNet-like face detector, Monodepth2, PointNet++ kNN, an LSTM autoencoder, StyleGAN2 modulated convs (dynamo),
  DnCNN, ST-GCN; opsets 11-18), built with rknn-toolkit2 2.3.2 on rk3588, rk3566, rk3576, rk3562, rk2118 float16,
  rv1106, rv1106b, rk3588, rk3566, rk3576 int8, with 2.5.0 on rk3588 and rk3566 and with 2.3.0 on rk3588
  (`calibration/results/unseen9/`, its first scoring, with the code before anything it taught, in `before/`). The
  fixes it taught, each measured on small models (docs/probe.md): RKN708 silent where a zero weight folds the mean
  away, crash patterns window-unpartition-grid-tokens (MaxViT) and input-residual-narrow (DnCNN on rk2118),
  placement_sweep `stacksum` / `stackrows` (parallel branches stacked and summed), `demod` (StyleGAN2's rank-5
  demodulation), `laysig` / `headflat` (YuNet-style heads), `roll`, `duoln`, `swinwin`, `mvitpool`. Still missed:
  Twins-SVT's grouped window attention (rank-6 Reshape / Transpose / Split, about 60 nodes on rk3566), CLIP's and
  MobileSAM's head-split Reshapes on rk3566, Restormer-lite's channel attention and its SIGSEGV on rk3562 / rv1106 /
  rv1106b (not reduced), DTLN's abort on rk2118, and with 2.5.0 on rk3588 most of the CPU list (precision 64%).
- **unseen set 11**: the same figures on an eleventh set, calibration/export_unseen10.py (25 exports in none of the sets
  above: timm ResNetV2-50d with EvoNorm-S0, EfficientNet-X-B3, NF-RegNet-B0, LambdaResNet-26-RPT and ViTs cut to 4
  blocks: PE-core tiny and ViT-dpwee (dynamo), ViT-B with the MobileCLIP stem, ViT-B with residual post-norm, Sapiens2
  (dynamo); ultralytics YOLO11s-seg at 512, YOLOv9s at 480; torchvision Swin3D-T at 8 x 112; hand-built LLM decode step
  with a KV cache as inputs, Mamba2 in its chunked SSD form (dynamo), LightGlue-lite, OSTrack-lite, EfficientDet-lite
  BiFPN, EAST, Attention U-Net, DLRM-lite, PANNs CNN14-lite, a 12-lead ECG ResNet-1D, NAFNet-lite (dynamo), a
  Kolmogorov-Arnold network, a top-2 mixture-of-experts transformer; opsets 11-19), built with rknn-toolkit2 2.3.2 on
  rk3588, rk3566, rk3576, rk3562, rk2118 float16 and rv1106, rv1106b, rk3588, rk3566, rk3576, rk3562 int8, with 2.5.0
  on rk3588 and rk3566 and with 2.3.0 on rk3588 (`calibration/results/unseen10/`, its first scoring, with the code
  before anything it taught, in `before/`). The fixes it taught, each measured on small models (docs/probe.md):
  EvoNorm-S0's rank-5 group statistics (`evonorm`, `gstd5`), the crash patterns constant-of-shape-empty (Swin3D-T),
  input-residual-first-conv (NAFNet-lite and set 10's Restormer-lite: SIGSEGV on rk3562 / rv1106 / rv1106b) and a
  narrower gathers-sharing-indices (the LLM step's rotary tables were a false alarm on every 2.3.2 row), the RMSNorm
  whose reciprocal runs on the CPU (`wrms`). Still missed: rk3566's Sapiens2 / ViT-dpwee / Mamba2 layout nodes, the
  int8 quantizer's failure on Mamba2's -inf mask, Sapiens2's register-token Concat failure (2.3.x), DLRM on rv1106b,
  EvoNorm's crash on rk2118 and its 2.5.0 timeout, rv1106b's EvoNorm layers (named after the Expand there).
- **unseen set 12**: the same figures on a twelfth set, calibration/export_unseen11.py (23 exports in none of the sets
  above: timm DarkNet-53 with anti-aliased downsampling, ResNet-RS-50, ViT-S R26 hybrid and ViT-betwixt with 4
  registers cut to 4 blocks, FlexiViT-S at 240, AIMv2-L cut to 2 blocks, Wide-ResNet-50-2, DeiT-tiny distilled;
  ultralytics YOLO11s-pose at 480, YOLO11s-OBB at 640, YOLOv5s at 320, YOLO11s-cls at 256; hand-built SVTR text
  recogniser at 48 x 320, a YOLO-style detector with CBAM and coordinate attention at 416, PSPNet-lite, YOLOP-lite at
  384 x 640, Lite-HRNet-lite, UltraFace RFB-320 with its box decode, YOLACT-lite at 550, BC-ResNet keyword spotting,
  DLinear, Lightweight OpenPose, a Silero-VAD-like detector with its LSTM state as input and output; 8 of them dynamo
  exports at opset 18-19, the rest TorchScript at 11-17), built with rknn-toolkit2 2.3.2 on rk3588, rk3566, rk3576,
  rk3562, rk2118 float16 and rv1106, rv1106b, rk3588, rk3566 int8, with 2.5.0 on rk3588 and rk3566 and with 2.3.0 on
  rk3588 (`calibration/results/unseen11/`, its first scoring, with the code before anything it taught, in `before/`).
  The fixes it taught, each measured on small models (docs/probe.md): YOLOv5's Focus stem on non-square inputs
  (`focus`: six CPU Slices where the probe had one NPU Conv), the channel mean of CBAM by plane size on rk3588
  (`chpool`), a detector's levels handed out as rows (`lvlrows`), coordinate attention's width means on rk3566, the
  crash pattern class-distillation-tokens-concat on rk2118 / rv1106b. Still missed: the detector-head tails on rk3566
  (UltraFace, YOLACT), BC-ResNet's frequency means (dynamo's positive axes), SVTR's MLP on rk3566, DLinear's
  per-channel Gathers (false on rk3566), the Silero-like reflect Pad, YOLOP-lite's timeout on rk3576 and the
  out-of-memory kills of YOLOP-lite and the CBAM detector on rk2118.
- **unseen set 13**: the same figures on a thirteenth set, calibration/export_unseen12.py (22 exports in none of the
  sets above: timm ResNet-50 CLIP with attention pooling, ViT-B SigLIP cut to 2 blocks with its MAP head, DINOv2-S cut
  to 4 blocks, ViT-B CLIP QuickGELU cut to 3 blocks, LeViT-128S in conv mode, TF-EfficientNet-B0 with TensorFlow
  'same' padding, MobileNetV4-conv-medium, RepVGG-B1g4; ultralytics YOLOv10m at 480, YOLOv9m at 416, YOLOv6s at 640;
  hand-built CRAFT-lite text detection, AOD-Net dehazing, IMDN-lite x4 super-resolution, CSRNet-lite crowd counting,
  an RNN-T decoder + joiner step, ConvLSTM nowcasting with its states as inputs / outputs, LaneATT-lite, an
  iTransformer forecaster with RevIN, EfficientAD-S, a YAMNet-like audio tagger and L2CS-Net-lite gaze; 7 dynamo
  exports at opset 18-19), built with rknn-toolkit2 2.3.2 on rk3588, rk3566, rk3576, rk3562, rk2118 float16 and
  rv1106, rv1106b, rk3588, rk3566, rk3576, rk3562 int8, with 2.5.0 on rk3588 and rk3566 and with 2.3.0 on rk3588
  (`calibration/results/unseen12/`, its first scoring, with the code before anything it taught, in `before/`). Its
  first scoring was the best first scoring of any new set so far (CPU-node recall 66.7 to 96.1% by row, precision 88.4
  to 100%, verdicts 100% but rk2118, where L2CS-lite's build aborted in a glibc malloc assertion nothing predicts).
  The fixes it taught, each measured on small models (docs/probe.md): a zero Pad of a map whose channels are no
  multiple of 8 (`padtail`, probe variants Pad/constant_c*), a Resize to sizes computed from the map's shape read from
  the folded shapes, a rank-3 input's Reshape by its last dimension's alignment (`dlin`, `in3ln` revin), a class-token
  Gather after a LayerNorm on rk3566. Still missed: rank-1 output tails (L2CS's angle, CSRNet's count), the attention
  pooling tails of CLIP / SigLIP on rk3566, LaneATT's anchor layout, CRAFT's dilation-6 Conv Gather on rv1106 / rk2118,
  YOLOv10m's PSA Reshapes in int8.
- **unseen set 14**: the same figures on a fourteenth set, calibration/export_unseen13.py (23 exports in none of the
  sets above: timm MobileNetV3-Large, ResNet-50-D, RegNetY-800MF, ResNetV2-50-D with GroupNorm, CS3-DarkNet-S with a
  Focus stem, SwinV2-T cut to depths 1-1-2-1, ViT-B with 4 registers cut to 2 blocks, EfficientNet-B0 with GroupNorm,
  ViT-S with shared relative positions, ECA-BoTNeXt-26; torchvision EfficientNet-B3 at 300; ultralytics YOLOv5m at
  640, YOLOv3u at 416, YOLO12s-OBB at 640; hand-built CenterTrack-like, a Zipformer-like streaming chunk with its
  caches, ReID with GeM pooling and BNNeck, a Vocos-like vocoder, HED, FastestDet-like, STDC-Seg, a RIFE-like
  interpolator and FastDepth; 8 dynamo exports at opset 18-19), built as unseen set 13 was
  (`calibration/results/unseen13/`, its first scoring, with the code before anything it taught, in `before/`). First
  scoring: CPU-node recall 84.6 to 100% on rk3588 fp16 2.3.2 / 2.5.0, rk3576, rk3562, rk2118, rv1106 / rv1106b, but
  27.9% on rk3588 int8 and 34.4% on rk3588 fp16 2.3.0 (GroupNorm's Reshapes) and 63 to 68% on rk3566; precision 83 to
  100%; two false alarms (a Greater on a rank-3 map on rv1106, a GeM exponent computed from constants on rk3588 2.3.0)
  and the vocoder's unpredicted 'buffer overflow!' on rk2118, rv1106b and rk3588 2.5.0. It taught: a comparison with
  one threshold at any rank (`scalar`), GroupNorm keyed by its map's width (`gnormhw`: CPU Reshapes where the width is
  no multiple of 4, rk3588 int8 2.3.2 and fp16 2.3.0), Reciprocal folded as a constant, cosine attention's q / k on
  rk3566, and the crash patterns convtranspose-1d-kernel-256 / -128. Still missed: SwinV2's window attention and the
  Zipformer caches on rk3566, large-kernel ConvTranspose on the CPU on rk3588 (HED's k32), rv1106's GroupNorm at 112 x
  112.
- **unseen set 15**: the same figures on a fifteenth set, calibration/export_unseen14.py (24 exports in none of the
  sets above: timm EfficientNet-B1 pruned, ConvNeXt-nano OLS, CS3-EdgeNet-X, ViT-S/384 cut to 2 blocks, ResNet-10-T;
  torchvision ViT-B/32; the first Hugging Face transformers models, built from a config with random weights:
  DistilBERT, MobileBERT, HuBERT, the Whisper-tiny encoder, YOLOS-tiny, Depth-Anything-small; ultralytics YOLO26s,
  YOLOv8s-seg at 384 x 640, YOLO26s-pose at 640 x 384; hand-built TC-ResNet-8 keyword spotting, ABPN x3
  super-resolution, DDRNet-23-slim, colorization, XFeat-like keypoints, a GTCRN-like speech enhancer with dual-path
  GRUs, SparseInst-lite, SalsaNext-lite LiDAR segmentation, FFA-Net-lite dehazing; 8 dynamo exports), built as unseen
  set 14 was (`calibration/results/unseen14/`, first scoring in `before/`). First scoring: CPU-node recall 82 to 88% on
  rv1106 / rv1106b, rk3576, rk3562 and rk2118 fp16, 67% on rk3588 fp16, 53 to 56% on rk3588 int8 and rk3566, 48% on
  rk3566 2.5.0; precision 82 to 100%; on every row SparseInst's crash unpredicted and a false alarm (a scalar Gather
  on a GTCRN map, not a Conv output). It taught: the crash pattern where-rank6 (torch.export's adaptive average pool
  of a size that does not divide the map: a Where over a rank-6 tensor aborts every family), the scalar Gather's
  failure only on a Conv output, bidirectional GRUs over a batch crashing 2.3.0 / 2.2.0, fractional bilinear Resizes,
  torch's masked SDPA guard (Softmax -> IsNaN -> Where) and SwinV2's window attention on rk3566, int64 attention-mask
  inputs, flattened Conv classifier heads. Still missed: the GTCRN-like GRUs' Transposes and, in int8, the GRUs;
  Depth-Anything's readout permutes; the colorization net's heap abort on rk2118.
- **unseen set 16**: the same figures on a sixteenth set, calibration/export_unseen15.py (25 exports in none of the
  sets above: timm GC-EfficientNetV2-RW-T, TF-MixNet-S, MobileViT-XS (dynamo); torchvision RegNetY-1.6GF (dynamo);
  Hugging Face transformers from configs with random weights: RoBERTa, ALBERT (dynamo), the T5-small encoder,
  Swin-tiny, SegFormer-B0 (dynamo), DETR-R18, the Audio Spectrogram Transformer, ConvNeXtV2-atto (dynamo), the CLIP
  ViT-B/32 vision tower; ultralytics YOLO12s at 480, YOLO26s-seg at 512 x 288, YOLOv8s-pose at 640; hand-built
  PARSeq-lite text recognition, 3DDFA-like face landmarks, pose with an in-graph argmax decode, a sound-event CRNN,
  SegNeXt-lite, FairMOT-lite, a CenterPoint-like BEV detector, N-BEATS, AnyNet-like stereo; 7 dynamo exports), built
  as unseen set 15 was (`calibration/results/unseen15/`, first scoring with the session-start code in `before/`).
  First scoring: CPU-node recall 89 to 96% on rk3576, rk3562, rk2118 fp16 and rv1106 / rv1106b, 76% on rk3566 fp16
  (2.3.2 and 2.5.0), 71% on rk3566 int8, 70% on rk3588 fp16, 64% on rk3588 int8, 86% on rk3588 2.5.0, 77% on rk3588 2.3.0; precision 87 to
  99%; verdict 88 to 100%: DETR's first decoder self-attention (its learned queries alone) a false alarm of constant-query-attention on
  every row but rk3566, the argmax decode's integer Less / Where a false alarm on rv1106, and two crashes unpredicted:
  RoBERTa on rv1106 / rv1106b, the stereo net on rv1106b. It taught: constant-query-attention wants keys computed from
  the input (an attention of constants only is folded and built), the crash pattern embedding-gather-odd-rows (a token
  embedding Gather with an odd number of rows kills rv1106 / rv1106b / rk2118 with 2.3.x, any size from 99 to 50265
  rows; even counts build), pad-empty-constant-value with one reader that is no Conv / MaxPool, integer comparisons /
  Where / Clip the graph computes on the CPU (probe variant int64_computed with 2.3.2 / 2.3.0; Clip on every family).
  Verdict agreement is 100% on every row now. Still missed: GC-EfficientNetV2's global-context Reshapes on rk3588 and
  rk3566, HF Swin's window attention on rk3566, MobileViT-XS's unfold permutes, the stereo net's cost-volume Concat,
  the GRU's Transposes in the sound-event CRNN; false on rv1106 / rv1106b: the stereo net's mid-graph Pads.
- **unseen set 17**: the same figures on a seventeenth set, calibration/export_unseen16.py (24 exports in none of the
  sets above: timm SK-ResNeXt-50, Res2NeXt-50 at 240 x 320, MobileOne-S4 at 224 x 288, CSP-ResNeXt-50 (dynamo);
  Hugging Face transformers from configs with random weights: ELECTRA-small (token type ids), DeBERTa-v2, SqueezeBERT,
  WavLM, Data2Vec-Audio (dynamo), Conditional-DETR-R18, CvT-13 (dynamo), MobileNetV2 + DeepLabV3 at 513; ultralytics
  YOLO11m at 416 x 256, YOLO12s-seg at 384 x 640, YOLO26s-OBB at 512, YOLOv8s-P2 at 480; hand-built MediaPipe-like
  hand landmarks, DB++-lite text detection, an RNNoise-like streaming GRU denoiser, DGCNN on 1024 points, PaDiM-lite
  anomaly detection, TSMixer (dynamo), Lite-Mono-like depth, MatchboxNet keyword spotting; 4 dynamo exports), built
  as unseen set 16 was (`calibration/results/unseen16/`, first scoring with the session-start code in `before/`).
- **unseen set 18**: the same figures on an eighteenth set, calibration/export_unseen17.py (24 exports in none of the
  sets above: timm DLA-60X-C at 224 x 288, PoolFormer-S12 (dynamo), TF-EfficientNetV2-B0 at 192 x 256,
  MobileNetV4-conv-blur-medium (dynamo), ESE-VoVNet-39b; Hugging Face transformers from configs with random weights:
  ConvBERT (dynamic convolution), Wav2Vec2-Conformer, GLPN depth (dynamo), Donut-Swin at 384 x 320, the OWL-ViT and
  SigLIP (dynamo) vision towers, SEW; ultralytics YOLOv9c at 352 x 608, YOLOv10b at 448,
  YOLOv8s-ghost at 288 x 512, YOLO11m-seg at 320 x 480; hand-built MoveNet-like pose with its decode in the graph, a
  NanoTrack-like depthwise-xcorr tracker, BiSeNetV2 at 360 x 640, a CRN LSTM denoiser, MiniFASNet-like anti-spoofing,
  a Whisper-like decoder step with KV caches, SCI-like low-light enhancement at 400 x 600, FFDNet (dynamo); 5 dynamo
  exports), built as unseen set 17 was (`calibration/results/unseen17/`, first scoring with the session-start code in
  `before/`).
  First scoring (2370c70, 14 rows): verdict 100% on rk3588 / rk3576 / rk3562 fp16 2.3.2 and rk3588 / rk3566 2.5.0
  (DGCNN's Gram-matrix segfault predicted by matmul-self-transpose), 95.8% on rk3566 fp16 (CvT's one-head Einsum
  attention), 91.7 to 95.8% on every int8 row (ELECTRA's 2-row token type table indexed past its end by the seeded
  int8 calibration ids 0 to 7), 91.7% on rk2118 (CvT, PaDiM-lite's SIGABRT), 87.5% on rk3588 2.3.0 (CvT, PaDiM's
  Gather, DGCNN); CPU-node recall 89 / 83 / 89% on rk3576 fp16 / int8 and rv1106b, 75% on rk2118, 55 to 70% on
  rk3588, rk3566, rk3562 and rv1106 (SK-ResNeXt's rank-5 selective-kernel stack, WavLM's gated relative position
  bias, TSMixer's time-mixing transposes, DeBERTa's relative attention), 50% on rk3566 2.5.0; precision 78 to 100%. It
  taught the crash patterns einsum-attention-one-head-linear-query (rk3566 / rv1106b / rk2118 with 2.3.2),
  einsum-attention-one-head (rk3588 with 2.3.0), embedding-gather-few-rows-seeded-int8 (every int8 row) and
  gather-channels-then-sub (PaDiM's channel selection, rk3588 / rk3566 with 2.3.0), and the selective-kernel Mul / sums
  on rk3562, rk2118, rv1106 and rv1106b (placement_sweep `skattn`): verdict 100% on every row but rk2118 (PaDiM's
  abort, reduced to 15 nodes around its per-position Mahalanobis MatMul and the Clip after it, unexplained) and
  rk3588 2.3.0 (DGCNN's segfault with 2.3.0).
- **unseen set 19**: the same figures on a nineteenth set, calibration/export_unseen18.py (24 exports in none of the
  sets above: timm EfficientNet-ES at 224 x 320, TF-MobileNetV3-Large-minimal at 256 x 192, CLIP ModifiedResNet-50 with
  attention pooling (dynamo), ViT-B with mixed 2-D RoPE (dynamo); Hugging Face transformers from configs with random
  weights: RoBERTa-PreLayerNorm, RoFormer, Funnel-base, Wav2Vec2-BERT, the BLIP (dynamo) and Pix2Struct vision
  encoders, UperNet-ConvNeXt at 384 x 576, ViTPose (dynamo); ultralytics YOLOv10n at 384 x 672, YOLOv5n-P6 at
  512 x 768, YOLO11n-pose at 480 x 288, YOLO11s-OBB at 416 x 736; hand-built ABINet-lite text recognition, DCCRN-lite
  and Demucs-lite speech enhancement, ERFNet at 288 x 512, an LLM decode step with a static one-hot-written KV cache,
  PicoDet-lite at 320 x 416, CREPE-tiny pitch, MiDaS-small-like depth at 256 x 384; 4 dynamo exports), built as unseen
  set 18 was (`calibration/results/unseen18/`, first scoring with the session-start code in `before/`).
  First scoring (7349743, 11 rows): verdict 100% on rk3566 fp16 2.3.2 and rk3588 2.3.0, 95.7 to 95.8% elsewhere, 91.7%
  on rv1106 int8; the misses: an LLM decode step whose two torch.einsum attentions add one mask (rk3588 fp16 / int8,
  rk3576, rk3562, rv1106 with 2.3.2), Funnel-base's rank-3 Slice / Concat shift (SIGSEGV with 2.5.0 on rk3588 and
  rk3566), DCCRN-lite's atan2 compares (false alarm, rv1106) and Funnel's constant-mask Wheres (false alarm, rk2118),
  Wav2Vec2-BERT's SIGSEGV on rv1106b; CREPE-tiny (rk3576) and PicoDet-lite (rv1106b) ran past 300 s. CPU-node recall
  90 to 96% on rk3576, rk3562, rk2118, rk3588 2.3.0 and rv1106b, 83 to 85% on rk3588 fp16 / int8 / 2.5.0 and rv1106,
  72% on rk3566 and 68% on rk3566 2.5.0; precision 96 to 100% but rk3588 2.5.0 (75%, rotary Slices) and rk3566 2.5.0
  (83%). It taught the crash patterns einsum-attention-shared-mask-chained and concat-slices-of-one-rank3 and the
  probe variant Where/mask_const (measured by another helper the same session); the session after, Wav2Vec2-BERT's
  causal conv padding reduced to pad-empty-constant-value-wide (rv1106b verdict 95.7 -> 100).
- **unseen set 20**: the same figures on a twentieth set, calibration/export_unseen19.py (24 exports in none of the
  sets above: timm TinyNet-E at 106, EdgeNeXt-small-rw at 256 x 320 (dynamo), MobileNetV4-conv-large at 320 x 256,
  RepVGG-A1 re-parameterised for deployment at 224 x 288; Hugging Face transformers from configs with random weights:
  MPNet, CANINE-s (dynamo), LayoutLMv3 (text + boxes + image patches), MarkupLM, ViTMatte on a ViTDet backbone at 320 x 448,
  CLIPSeg, GroupViT vision, the Speech2Text and EnCodec encoders, a Qwen2 prefill (dynamo); ultralytics YOLO11n at
  352 x 640, YOLOv8n-cls at 224 x 160, YOLOv6n at 384 x 640, YOLO11n-seg at 256 x 448; hand-built a SAR-lite decoder
  step, a FastSpeech2 encoder with its variance predictors, SwinIR-light cut to one group, SiamRPN up-channel
  cross-correlation, an RWKV-4 one-token step, LEDNet at 360 x 480; 3 dynamo exports), built as unseen set 19 was
  (`calibration/results/unseen19/`, first scoring with the session-start code (bb6dfe8) in `before/`).
  First scoring (bb6dfe8, 10 rows): verdict 87.5% on rk3588, rk3566, rk3576 and rk3562 fp16 2.3.2, 91.3 to 91.7% on
  rk3588 2.5.0 / int8, rk3566 int8, rv1106 / rv1106b int8 and rk2118; the misses: an RWKV-4 step's square of one token between rank-2 MatMuls
  (KeyError in fold_constant, every 2.3.x row), LayoutLMv3's int32 Clip of relative box positions (onnxruntime type
  error in fold_constant) and SiamRPN's up-channel cross-correlation, a Conv whose computed weight is large (SIGSEGV
  everywhere but rk3588 and rk3566 int8). CPU-node recall 92 to 95% on rk3588 fp16 / int8, rk3576, rk3562, rk2118,
  rv1106 and rv1106b, 89.5% on rk3588 2.5.0, 80% on rk3566 fp16 and 77% on rk3566 int8; precision 95 to 100%. It taught the crash patterns square-between-row-matmuls,
  clip-int32, computed-weight-conv-large (float16), computed-weight-conv-over-128k (float16) and
  computed-weight-conv-large-int8, measured on the seven families.
- **unseen set 21**: the same figures on a twenty-first set, calibration/export_unseen20.py (24 exports in none of
  the sets above: timm SE-HaloNet-33ts and LambdaHaloBotNet-50ts (dynamo), GC-ResNeXt-26ts at 224 x 288, RegNetV-040 at 240 x 320
  (dynamo);
  Hugging Face transformers from configs with random weights: I-JEPA, UniSpeech-SAT, the SpeechT5 speech encoder,
  RemBERT, Longformer, BigBird block-sparse, Phi and Gemma prefills, the TrOCR decoder, BLOOM (ALiBi), the DAC encoder;
  ultralytics YOLOE-v8n at 320 x 416, YOLOv9t at 256 x 448, YOLOv8n-OBB at 512, YOLOv5nu at
  192 x 320; hand-built a Mamba-1 one-token step, DeepFilterNet-lite, LoFTR-lite coarse matching, an IMU gesture
  Conv1d + Transformer classifier (dynamo), X3D-XS-lite on 4 frames), built as unseen set 20 was
  (`calibration/results/unseen20/`, first scoring with the session-start code (5ed209c) in `before/`).
- **unseen set 22**: the same figures on a twenty-second set, calibration/export_unseen21.py (24 exports in none of
  the sets above: timm NFNet-F0 at 192 x 256, ECA-ResNeXt-26t at 256 x 320, MnasNet-100 at 200, EfficientNet-EdgeTPU-M
  at 240 x 320; Hugging Face transformers from configs with random weights: Llama at SmolLM's width (grouped-query
  attention), Mistral with a sliding window (dynamo), GPT-2, GPT-NeoX, Falcon (multi-query), BART encoder-decoder,
  XLNet, TimeSformer on 4 frames, LiLT, TextNet at 320 x 480, the Moonshine speech encoder; ultralytics YOLOE-26n at
  320 x 480, YOLOE-11n-seg at 320 x 416, YOLO12n-OBB at 384 x 640; hand-built a Llama-style decode step with static
  caches written at the position, a SenseVoice-like SAN-M encoder, a SAM-style prompt mask decoder, DSNT hand
  landmarks, PP-YOLOE-lite at 320 x 384, a triplet-attention classifier, DeepFill-lite gated-conv inpainting), built
  as unseen set 21 was (`calibration/results/unseen21/`, first scoring with the session-start code (216cc15) in
  `before/`).
- **pretrained**: the same two figures, then verdict agreement, on real pretrained models that public pip packages
  ship as ONNX (OCR, layout, table, captcha, face, object detection, voice activity, wake word; in neither
  calibration set: calibration/pretrained_set.py lists the packages and input shapes; `calibration/score.py` writes
  `calibration/results/pretrained/<target>-<dtype>-<version>.json`); "-" where not measured. A row with "-" in
  every calibration column was built on the pretrained models only (rknn-toolkit2 2.3.0 on rk3576, rk3562 and rk2118
  float16 and rv1106b int8: first scored at 71.4% / 55.6%, 40.0% / 50.0%, 65.4% / 81.0% and 78.7% / 90.2%; PP-OCR det's
  Focus Slices, false on all four, went with Slice re-probed with 2.3.0 on each family, as on rk3588 and rv1106). Each row's first
  scoring, by the rknnlint of that day, is kept in calibration/results/pretrained/before/; fixes measured on small
  models from a row's misses (docs/probe.md) have changed the figures since, so the rows are no longer unseen for
  those classes. The rk3562 and rk2118 float16 and rv1106b int8 rows taught the `zero_mul` sweep case (a Mul by an
  all-zero constant folded with the Cast behind it: silero-vad's `Cast(sr * 0)`; RKN601, and RKN106 for the int8
  build whose calibration lines list the input folded away) and the `wide` case (rk2118 and rv1106b
  `wide_features_npu_max`: the Transpose back of a Linear of more than 8192 / 16384 output features and a Softmax
  over more than 8192 / 4096 run on the CPU; on rv1106b a Softmax over the channels of a map of more than 8192
  positions, YOLOv8's DFL: `dfl`; a Softmax behind a Transpose on the NPU, MTCNN P-Net's: `smtp`). The rk3576 int8
  and float16 rows (float16 re-built on a later machine) taught `div2` (a rank-2 Div by a computed divisor,
  translit-encoder's masked mean: CPU in int8 on rk3576, rk3566 and rk3562), `sqrt` on those families (silero-vad's
  STFT magnitude: CPU in int8) and the ReduceMax variants (rk3576: openWakeWord's whole-map maximum on the CPU). PP-OCR rec's
  SVTR qkv Transposes, false on rk2118, rv1106b and rv1106 with 2.5.0 (the whole-build motif table's CPU entry comes
  from MobileViT's batch of patches alone), follow `pattn` built with 2.5.0 on the three families since (on the NPU
  at a batch of 1; merged as size-classed keys, `placement_sweep.py table --merge sized --sized`, which rknnlint reads
  before the plain key): precision 82.9% -> 100%, 88.9% -> 100% and 90.5% -> 100% (re-scored on a truth rebuilt from
  the committed row, calibration/truth_from_results.py). Missed on
  rv1106b: translit-encoder's SIGFPE crash (also rk3588 int8 and the first rk3576 float16 build, not its re-build: RKN107; it
  is random per build, not a matter of the calibration samples: with the same seeded samples it crashed in 1 of 5 rv1106b
  int8 builds with 2.3.0 and 0 of 5 with 2.5.0, docs/facts.md#input-copies). The rk3566 float16 rows (2.3.2 and 2.5.0)
  taught `bn1d` (a HardSwish written as HardSigmoid(x) * x on a rank-3 BatchNorm output gets CPU Reshapes on both
  sides: the sweep's `hswish`), `yheads` (PicoDet's Split head by map size), `melspec`, `pool3`, `nhwc_out`, `flat3`,
  `head2` and the Pad mode of a rank-2 audio input (`in2:f>pad:reflect`). Still missed there: YOLOv8's Concat /
  DFL Reshapes (nudenet), tf2onnx's bidirectional LSTM output and NHWC Reshapes (openWakeWord), layout-cdla's score
  Reshapes with 2.3.2 (the Split head put them on the CPU, the single-output level did not: the key cannot tell).

The models are real exports with random weights (calibration/export_models.py); "models" is how many were
built for that row (rk3566, rk3562, rk3576 float16 and rv1106 int8 with 2.5.0: the 91 exports other than torchvision MaxViT-T
and the ResNet-50 classifier, detectors and segmenters, left out for build time; every other row: the 45 of
calibration/subset-issue12.txt). A family, dtype or version with no row here was not measured: treat its placement
findings as unverified. "(was N%)" is the same truth scored by rknnlint before the measured motif tables
(rules/motifs/) and fused-block findings of issue 12 (calibration/results/before-motifs/); for the rows measured
later (rk3588 2.2.0 / 2.3.0 / 2.3.2 / 2.5.0 float16, rv1106b, rk2118 and the int8 rows other than rv1106), before the
whole-build motif table made from that row's own truth (kept sections only: `mine_motifs.py crossval --sections`
scores each choice on models left out; rk3588 keeps the exact motifs, its back-offs lost held-out figures,
and for 2.2.0 / 2.3.0 / 2.3.2 their size classes, with the qkv size sweep calibration/size_sweep.py probed per version)
and, for rv1106b and rk2118, before the family facts read from the same builds (rules/<family>.yaml: no CPU Reshape
on rank-2/3 graph outputs on either; on rv1106b a Softmax after a MatMul / Gemm stays on the NPU; on rk2118 a
decomposed LayerNorm is one CPU layer). Those facts are in the held-out figures too (they are not refit per fold).
The small-model sweep tables (rules/motifs/sweeps/, calibration/placement_sweep.py, 2.5.0: rk3566, rk3588, rk3576,
rk3562 and rk2118 float16 and rv1106, rv1106b, rk3588, rk3566, rk3576 and rk3562 int8) are in the held-out
figures as well (no export made them); held out they raised rk3566 float16 from 56.6% / 71.0% to 72.9% / 79.3%, the
precision of rk3576 and rk3562 float16 from 95.0% to 98.3% and of rv1106 int8 from 98.0% to 99.0%, and left rk3588
float16 and int8, rv1106b and rk2118 unchanged. The InstanceNorm case counts on rv1106, rv1106b and rk2118 since
the layer the toolkit names after the tensor a node reads (`exNorm:<input>_tp_rs_norm`) is read as that node's
(rknnlint/toolkit/owners.py; docs/probe.md). On rv1106 and rv1106b int8 and rk2118 float16 measured probe variants
then took in sample 88.9% / 100% to 96.9% / 100%, 97.2% / 92.0% to 100% / 100% and 100% / 91.3% to 100% / 100%
(held out 85.0% / 99.0% to 92.9% / 99.1%, 90.8% / 91.5% to 93.7% / 100%, 92.9% / 90.7% to 92.9% / 100%): integers the
network computes (TopK indices; only an int64 graph input straight to an int64 output crashes the rv1106 build),
a Div by a computed divisor (EfficientViT, RT-DETR, a masked mean), a rank-5 Mul by a constant varying along the
channels only (YOLOv5's anchor decode by a scalar or per-anchor constant stays on the NPU); rv1106's two wrong
verdicts went with them (RT-DETR's index arithmetic, predicted to fail, runs on the CPU; YOLO26n crashes the SDPA
fusion on rv1106 as on rk3588, RKN707).
Int8 on a family whose only whole-build table is float16 is checked with that table (a family measured in one dtype
answers for both); rk3588 int8 has its own (exact motifs: the classifier heads' Gemm -> [1, 1000] output gets a CPU
Reshape in int8, C2 16, not in float16); rk3566, rk3576 and rk3562 int8 have none (on rk3566 an int8 table from
half its 45 builds, replacing the float16 table from 91, lost precision on the other half: 41% against 97% in
sample), so their held-out figure is the float16 table mined from the family's float16 builds of the other half
(`crossval --tables-from`). What int8 alone moves to the CPU is measured on small models instead: the whole
placement sweep built in int8 per family (rules/motifs/sweeps/<family>-int8-2.5.0.yaml, read by int8 checks; the
float16 sweep answered for int8 before): a Div whose divisor the network computes (EfficientViT's context modules,
on the CPU on all four families; a Div by a constant stays on the NPU), an align_corners bilinear Resize (on rk3562
from 64 px wide on), MobileViT's unfold / fold by size (rk3588) and attention layout layers by their sizes (rk3566:
MobileViT's batch of patches with q scaled, ultralytics' area attention by token count, EdgeNeXt's XCA by head
width); docs/probe.md. In sample that took CPU recall / precision of rk3588 int8 from 78.3% / 97.3% to 97.8% /
97.8%, rk3566 from 78.0% / 97.1% to 99.2% / 95.5%, rk3576 from 73.3% / 100% to 100% / 100% and rk3562 from 64.3% /
100% to 100% / 100% (every float16 row of the four families: each model's prediction unchanged); held out, rk3588 int8 went from 73.9% / 97.1% to 93.5% / 97.7%, rk3566 from
55.9% / 65.1% to 92.9% / 72.0%, rk3576 from 73.3% / 30.6% to 100% / 37.5% and rk3562 from 64.3% / 81.8% to 100% /
87.5% (the low held-out precision of rk3576 int8 is the float16 table's: mined from half the builds it names layout
ops float16 runs on the CPU and int8 does not). The
earlier rk3588 2.5.0 float16 row (all 97 exports, CPU layers scored without precision: 96.2% of 213 layers named)
is replaced by the 45-model row scored by node; it is in the git history of calibration/results/.
The rows of older versions on families other than rk3588 (2.3.2, 2.3.0; the 45 models, built with that version's
toolkit: calibration/run_toolkit.py --python) are checked with the version's single-op tables
(rules/measured/<family>-<version>.yaml); "(was N%)" there is the single-op tables alone. rk3566 2.3.2 and 2.3.0
float16 have whole-build motif tables of their own (rules/motifs/rk3566-float16-<version>.yaml, mined from that
version's builds of the 45 and of the other 46 of the 91 exports, 73 built with 2.3.2, 77 with 2.3.0; kept: the
exact motifs, size classes and the neighbour / context / op back-offs, chosen by `crossval --sections`: without the
back-offs the single-op tables put the layout ops of the models left out on the CPU, 33% - 39% precision held out),
and rk3566 2.3.2 its own placement sweep (rules/motifs/sweeps/rk3566-float16-2.3.2.yaml); held out (`crossval
--tables-from` the 91-model truth, leaving the fold out) they gave 50.6% / 73.8% (2.3.2) and 54.3% / 72.5% (2.3.0)
where the borrowed 2.5.0 table mined without the fold gave 47.4% / 67.6% and 35.5% / 71.0%. The other 46 exports,
built after the tables from the 45 were made (none of them taught those), scored with them 70.7% / 89.8% of 75 CPU
nodes with 2.3.2 (56.0% / 84.0% with the borrowed 2.5.0 table, which saw their 2.5.0 builds) and 76.1% / 81.2% of 176
with 2.3.0; verdicts 97.8% and 100% of 46, no false alarm (2.3.2: 95.7% before RKN205 learnt that 2.3.2 builds an
LSTM with `layout`): RT-DETR-L fails the 2.3.2 build (the toolkit's own onnxruntime check of a MatMul it rewrote to
a Conv, not predicted; it builds with 2.3.0 and 2.5.0). rk3566 2.3.0 reads a partial sweep of its own over the
2.3.2 one (rules/motifs/sweeps/rk3566-float16-2.3.0.yaml): built with 2.3.0, every ReduceMean over H and W, in
either axis order, got a CPU Reshape after the op in front and a CPU Transpose after it (placement_sweep `reduce`;
PP-OCRv6's squeeze-excite pools, 36 of the pretrained row's 52 missed CPU nodes), the paddle attention's v
Squeeze stayed on the NPU at 40 and 64 tokens (`pattn`) and the log-mel floor's Sub and Cast ran on the CPU
(`scalar`), and the rows Concat of a YOLOX head got a CPU Reshape after it (`yhead3`): pretrained CPU-node
recall / precision 59.4% / 82.6% -> 90.6% / 92.8%. The other older rows (rk3576, rk3562 and rk2118 float16 2.3.2, rv1106
int8 2.3.2 / 2.3.0, rv1106b int8 2.3.2) borrow the family's 2.5.0 motif tables, whose placements a version without
tables of its own takes (never its measured crashes, and nothing about an op whose single-op placement differs
between the two versions: rk3576 GRU, ReduceMax): a table mined the same way from the version's own builds lost
held-out recall on each of them whatever its sections (rk3576 92.6% -> 55.6%, rk3562 87.5% -> 45.8%, rk2118 86.1% ->
81.2%, rv1106 88.1% / 88.0% -> 83.2% / 83.0%, rv1106b 87.8% -> 83.3%; precision rose
to 90% - 100% on rk3576, rk3562 and rv1106, not on rk2118 or rv1106b): the one Swin,
LeViT or YOLO12 of a fold teaches the other fold nothing, and the Swin qkv size classes probed with the same version
on rk3588 (rules/motifs/probed/) are read only by a version with no table of its own. Their held-out figure is the
2.5.0 table mined from the family's 2.5.0 builds of the other half (`crossval --tables-from`). Those borrowed tables
were made from 2.5.0 builds, and the models that fail with 2.5.0 (ViT, Swin, LeViT, the YOLO heads) taught them
nothing: most of what these rows miss is there.
"""

# earlier scorings of the same truth files, shown as "(was N%)": the figures before measured motifs (issue 12)
BEFORE = "before-motifs"
# the same target, dtype and version scored on the exports nobody calibrated on (calibration/export_unseen.py)
UNSEEN = "unseen"
# the same target, dtype and version scored on real pretrained models from pip packages (calibration/pretrained_set.py)
PRETRAINED = "pretrained"
# the unseen scorings made before the fixes that unseen set taught (it is no longer unseen after them)
UNSEEN_BEFORE = "before-fixes"
# the later sets of exports nobody calibrated on (calibration/export_unseen3.py ... export_unseen9.py), each made once
# the one before had taught its fixes, mostly built with 2.3.2: folder under results/ -> its column; a set's first
# scoring, before any fix it taught, in the folder's before/
LATER_SETS = (("unseen3", "unseen set 4"), ("unseen4", "unseen set 5"), ("unseen5", "unseen set 6"),
              ("unseen6", "unseen set 7"), ("unseen7", "unseen set 8"), ("unseen8", "unseen set 9"),
              ("unseen9", "unseen set 10"), ("unseen10", "unseen set 11"), ("unseen11", "unseen set 12"),
              ("unseen12", "unseen set 13"), ("unseen13", "unseen set 14"), ("unseen14", "unseen set 15"),
              ("unseen15", "unseen set 16"), ("unseen16", "unseen set 17"),
              ("unseen17", "unseen set 18"), ("unseen18", "unseen set 19"),
              ("unseen19", "unseen set 20"), ("unseen20", "unseen set 21"),
              ("unseen21", "unseen set 22"))
LATER_BEFORE = "before"

COLUMNS = ("toolkit", "dtype", "models", "built", "verdict", "failure recall", "false alarms", "CPU nodes",
           "CPU recall", "CPU precision", "held out: recall / precision", "unseen: recall / precision",
           *(f"{label}: recall / precision" for _, label in LATER_SETS),
           "pretrained: recall / precision / verdict", "rknnlint commit")


def _pct(v: Any, n: Any = None) -> str:
    if v is None:
        return "not scored" if n is None else "-"
    return f"{v}%" + (f" of {n}" if n is not None else "")


def _was(now: str, before: dict[str, Any] | None, key: str) -> str:
    if before is None:
        return now
    v = before.get("summary", {}).get(key)
    return f"{now} (was {v}%)" if v is not None else now


def _held_out(h: dict[str, Any] | None) -> str:
    if not h:
        return "-"
    return f"{_pct(h.get('recall_pct'))} / {_pct(h.get('precision_pct'))} ({h.get('folds')}-fold)"


def _unseen(u: dict[str, Any] | None, before: dict[str, Any] | None = None) -> str:
    """CPU recall / precision by node on the unseen exports, how many built and, where scored, the verdict; "(was
    N%)" is the same truth scored before the fixes that set taught (calibration/results/unseen/before-fixes/)."""
    if not u:
        return "-"
    s = u.get("summary", {})
    va = s.get("verdict_agreement_pct")
    verdict = f", verdict {_was(f'{va}%', before, 'verdict_agreement_pct')} of {s.get('scored')}" if va is not None else ""
    return (f"{_was(_pct(s.get('cpu_node_recall_pct')), before, 'cpu_node_recall_pct')} / "
            f"{_was(_pct(s.get('cpu_node_precision_pct')), before, 'cpu_node_precision_pct')} "
            f"({s.get('builds')} built{verdict})")


def _pretrained(u: dict[str, Any] | None) -> str:
    if not u:
        return "-"
    s = u.get("summary", {})
    return (f"{_pct(s.get('cpu_node_recall_pct'))} / {_pct(s.get('cpu_node_precision_pct'))} / "
            f"{_pct(s.get('verdict_agreement_pct'))} ({s.get('builds')} of {s.get('models')} built)")


def row(res: dict[str, Any], before: dict[str, Any] | None = None, unseen: dict[str, Any] | None = None,
        pretrained: dict[str, Any] | None = None, unseen_before: dict[str, Any] | None = None,
        later: list[tuple[dict[str, Any] | None, dict[str, Any] | None]] | None = None) -> list[str]:
    """One table row; `later` holds, per LATER_SETS entry, that set's scoring of this row and its first scoring."""
    later = list(later or []) + [(None, None)] * (len(LATER_SETS) - len(later or []))
    later_cells = [_unseen(u, b) for u, b in later]
    if res.get("pretrained_only"):  # no calibration build for this version: the later unseen sets and pretrained
        return [str(res.get("toolkit")), str(res.get("dtype", "float16")), *["-"] * 10, *later_cells,
                _pretrained(pretrained), f"`{res.get('rknnlint_commit')}`"]
    s = res.get("summary", {})
    conf = s.get("verdict_confusion", {})
    fails = conf.get("fail_predicted_and_failed", 0) + conf.get("build_predicted_but_failed", 0)
    fr = s.get("failure_recall_pct")
    if fr is None and fails:
        fr = round(100.0 * conf.get("fail_predicted_and_failed", 0) / fails, 1)
    has_nodes = "cpu_node_recall_pct" in s or "cpu_nodes" in s
    return [
        str(res.get("toolkit")), str(res.get("dtype", "float16")), str(s.get("models")), str(s.get("builds")),
        _pct(s.get("verdict_agreement_pct"), s.get("scored")),
        f"{fr}% of {fails}" if fails else "no failing build",
        str(s.get("false_alarms", conf.get("fail_predicted_but_built", "-"))),
        str(s.get("cpu_nodes")) if has_nodes else f"({s.get('cpu_layers')} layers)",
        _was(_pct(s.get("cpu_node_recall_pct")), before, "cpu_node_recall_pct") if has_nodes
        else f"{s.get('cpu_recall_warning_pct')}% of layers",
        _was(_pct(s.get("cpu_node_precision_pct")), before, "cpu_node_precision_pct") if has_nodes else "not scored",
        _held_out(s.get("held_out")),
        _unseen(unseen, unseen_before),
        *later_cells,
        _pretrained(pretrained),
        f"`{res.get('rknnlint_commit')}`",
    ]


def render(results: list[tuple[str, dict[str, Any]]], before: dict[str, dict[str, Any]] | None = None,
           unseen: dict[str, dict[str, Any]] | None = None,
           pretrained: dict[str, dict[str, Any]] | None = None,
           unseen_before: dict[str, dict[str, Any]] | None = None,
           later: dict[str, tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]] | None = None) -> str:
    """The page; `before` (results file name -> an earlier scoring of the same truth) adds "(was N%)", `unseen`
    (results file name -> the scoring of the unseen exports for that target, dtype and version) its column, and
    `pretrained` (the same for the pretrained models from pip packages) its own; `later` (a LATER_SETS folder ->
    (its scorings, its first scorings), each by results file name) the later unseen sets' columns."""
    before = before or {}
    unseen = unseen or {}
    pretrained = pretrained or {}
    unseen_before = unseen_before or {}
    # a row scored before its fixes only shows that first scoring, with no "(was N%)"
    sets: list[tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]] = []
    for key, _ in LATER_SETS:
        after_, first = (later or {}).get(key) or ({}, {})
        merged = {**first, **after_}
        sets.append((merged, {k: v for k, v in first.items() if merged[k] is not v}))
    by_target: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for name, res in results:
        by_target.setdefault(str(res.get("target") or name.split("-", 1)[0]), []).append((name, res))
    # a target, dtype and version built on the pretrained models only: its row, calibration columns "-"
    for name, res in sorted({**{k: v for u, _ in sets for k, v in u.items()}, **pretrained}.items()):
        if name not in dict(results) and name not in dict(by_target.get(str(res.get("target")), [])):
            stub = {k: res.get(k) for k in ("target", "dtype", "toolkit", "rknnlint_commit")}
            by_target.setdefault(str(res.get("target")), []).append((name, {**stub, "pretrained_only": True}))
    out = [HEADER]
    for target in sorted(by_target):
        out += [f"## {target}", "", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
        rows = sorted(by_target[target], key=lambda x: (str(x[1].get("dtype", "float16")),
                                                        _version_key(str(x[1].get("toolkit")))))
        for name, res in rows:
            out.append("| " + " | ".join(row(res, before.get(name), unseen.get(name), pretrained.get(name),
                                             unseen_before.get(name),
                                             [(u.get(name), b.get(name)) for u, b in sets])) + " |")
        notes = [f"- `{name}`: {res['note']}" for name, res in rows if res.get("note")]
        out += ([""] + notes if notes else []) + [""]
    out += toolkit_versions(results)
    return "\n".join(out)


def toolkit_versions(results: list[tuple[str, dict[str, Any]]], toolkit_dir: Path | None = None) -> list[str]:
    """## Toolkit versions: the crash rules as re-verified per version (rules/toolkit/<version>.yaml, written by
    scripts/verify_crashes.py), and every calibration model whose real build differs between versions, with
    whether rknnlint (checking with that version) predicted each outcome."""
    import yaml

    data = {}
    for p in sorted((toolkit_dir or ROOT / "rules" / "toolkit").glob("*.yaml")):
        raw = yaml.safe_load(p.read_text(encoding="utf-8")) or {}
        data[str(raw["version"])] = (raw.get("crashes") or {})
    versions = sorted(data, key=_version_key)
    out = ["## Toolkit versions", "",
           "Crash rules re-verified with each rknn-toolkit2 version (their minimal trigger models built in a child "
           "process, fp16; `scripts/verify_crashes.py`, results in `rules/toolkit/<version>.yaml`). A rule fires "
           "only for the versions where its trigger crashed.", "",
           "| rule | " + " | ".join(versions) + " |", "|---|" + "---|" * len(versions)]
    codes = sorted({c for v in versions for c in (data[v].get("rules") or {})})
    for code in codes:
        cells = []
        for v in versions:
            c = (data[v].get("rules") or {}).get(code)
            if not data[v].get("measured") or c is None:
                cells.append("not verified")
            elif c["crashes"]:
                cells.append(f"**crashes** ({', '.join(c.get('targets') or [])})")
            else:
                cells.append("builds")
        out.append(f"| {code} | " + " | ".join(cells) + " |")
    # calibration models whose build outcome differs between versions, per target and dtype
    by: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    for _name, res in results:
        by.setdefault((str(res.get("target")), str(res.get("dtype", "float16"))), {})[str(res.get("toolkit"))] = res
    for (target, dtype), per in sorted(by.items()):
        vs = sorted(per, key=_version_key)
        if len(vs) < 2:
            continue
        models = sorted(set.intersection(*(set(per[v].get("models", {})) for v in vs)))
        differ = [m for m in models if len({per[v]["models"][m].get("build") for v in vs}) > 1]
        out += ["", f"### {target} {dtype}: calibration models whose build differs between versions", "",
                f"Of the {len(models)} models built with each of {', '.join(vs)}, {len(differ)} build with one version and "
                "fail with another. Each cell: the real build, then rknnlint's verdict checking with that version "
                "(`--toolkit-version`; predicted or **missed**).", ""]
        if not differ:
            continue
        out += ["| model | " + " | ".join(vs) + " |", "|---|" + "---|" * len(vs)]
        for m in differ:
            cells = []
            for v in vs:
                r = per[v]["models"][m]
                codes_ = ",".join(sorted({e["code"] for e in r.get("rknnlint_errors") or []}))
                said = f"fails: {codes_}" if r.get("rknnlint_predicts_fail") else "builds"
                ok = "predicted" if r.get("agrees") else "**missed**"
                cells.append(f"{r.get('build')}; rknnlint {said} ({ok})")
            out.append(f"| {m} | " + " | ".join(cells) + " |")
    return out + [""]


def _version_key(v: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in v.replace("-", ".").split("."))


RESULT_NAME = re.compile(r"[a-z0-9]+-(float16|int8)-[0-9][0-9.]*\.json")  # what calibration/score.py writes


def load(results_dir: Path) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for p in sorted(results_dir.glob("*.json")):
        if not RESULT_NAME.fullmatch(p.name):  # other measurements kept beside them (workflow_phases-...)
            continue
        try:
            out.append((p.name, json.loads(p.read_text())))
        except ValueError as e:
            raise SystemExit(f"{p}: not JSON ({e})") from None
    return out


FIX = "fix"  # calibration/results/fix/<set>-<target>-<dtype>-<version>.json: bench/bench_fix.py --builds --out
FIX_SETS = {"pretrained": "pretrained (pip-shipped, real weights)", "unseen3": "unseen set 4",
            "y8": "ultralytics 8.4 YOLOv8n / YOLO11n 640"}


FIX_NOTES = [
    "- ultralytics 8.4 YOLOv8n / YOLO11n 640 build as exported with rknn-toolkit2 2.3.2 on rk3588, rk3566, rk3576, "
    "rk3562, rk2118 float16 and rk3588, rv1106, rv1106b int8 (nothing to fix there); with 2.5.0 every family fails "
    "in `_p_seperate_conv_rs_split` (RKN704) and the head cut fixes both.",
    "- int8 rows compare the quantized simulator with onnxruntime fp32, so a model whose fix builds can stay below "
    "0.999 by int8 rounding alone (silero-vad 16 kHz, the PP-OCR recognisers, EVA-02): that is the int8 accuracy "
    "(docs/int8.md), not the fix.",
    "- Not fixable by a rewrite of the graph: two-stage detectors (RoI pooling after NMS: Keypoint R-CNN), an If "
    "on an input (silero-vad v4: `--input-value sr=16000` folds it, a flag the scoring command does not pass), a "
    "Loop with a computed trip count (SLANet), builds that time out as exported (captcha-crnn, GC-ResNet33ts) and "
    "crashes with no finding (translit-encoder's random SIGFPE, DaViT on rv1106b int8 2.3.2).",
]


def _why_not(r: dict[str, Any]) -> str:
    """Why a failing model is not fixed, in a few words (bench_fix's row)."""
    res = str(r.get("result") or "")
    if res == "nothing written" and str(r.get("as_exported") or "").startswith("timeout"):
        return "the as-exported build timed out, no finding: nothing to fix"
    if res == "nothing written":
        left = ", ".join(r.get("left") or [])
        return "no fix" + (f" ({left} left)" if left else " (no finding names one)")
    if res.startswith("builds"):
        return f"cosine {r.get('cosine')}" + (f" / NPU part {r['npu_cosine']}" if r.get("npu_cosine") is not None else "")
    return res[:60] or "?"


def fix_rate(fix_dir: Path) -> list[str]:
    """The "Fix rate" section: per set and row, how many as-exported failures `rknnlint fix --unsafe-fixes` makes
    build and match onnxruntime (cosine >= 0.999 on every output, SCORING.md "Fix"); empty without results."""
    files = sorted(fix_dir.glob("*.json")) if fix_dir.is_dir() else []
    if not files:
        return []
    out = ["## Fix rate", "",
           "Models whose as-exported build fails, after `rknnlint fix MODEL --unsafe-fixes --target T --dtype D "
           "--toolkit-version V` (`--input-shape` for a dynamic non-batch dim), built with the real toolkit of that "
           "version for that family and dtype and run on its simulator; **fixed** = builds and every output's cosine "
           "against onnxruntime on the original >= 0.999 (through the post-processing tail after a head cut; the NPU "
           "part's outputs where TopK / NMS select in the tail). int8 builds are quantized on the one seeded input. "
           "Measured with `bench/bench_fix.py --builds MODELS --truth ROW/truth.json --out ...` "
           "(calibration/results/fix/, each file names its command).", "",
           "| set | target | dtype | rknn-toolkit2 | failing | build after fix | fixed | not fixed (why) |",
           "|---|---|---|---|---|---|---|---|"]
    rows = []
    for f in files:
        d = json.loads(f.read_text())
        kind = f.stem.split("-", 1)[0]
        s = d.get("summary") or {}
        n = int(s.get("failing") or 0)
        rate = f"{100 * int(s.get('fixed') or 0) / n:.0f}%" if n else "-"
        unscored = sum(1 for r in (d.get("models") or {}).values() if r.get("fixed") and r.get("cosine") is None
                       and r.get("npu_cosine") is None)
        if unscored:  # random-weight outputs below 1e-3 (fp16 resolution): built, the numbers not compared
            rate += f"; {unscored} not scored: outputs below 1e-3"
        left = [f"{m} ({_why_not(r)})" for m, r in sorted((d.get("models") or {}).items()) if not r.get("fixed")]
        rows.append(((kind, str(d.get("target")), str(d.get("dtype")), _version_key(str(d.get("toolkit")))),
                     f"| {FIX_SETS.get(kind, kind)} | {d.get('target')} | {d.get('dtype')} | {d.get('toolkit')} | {n} | "
                     f"{s.get('builds', 0)} | **{s.get('fixed', 0)}** ({rate}) | "
                     f"{'; '.join(left) or '-'} |"))
    out += [r for _, r in sorted(rows)] + [""] + FIX_NOTES + [""]
    return out


ISSUES_BEFORE = "before"  # each issue set's first scoring, before the fixes it taught
# results/<dir> -> (section title, the script that writes its models)
ISSUE_SETS = (("issue-repros", "Issue reproductions", "calibration/issue_repros.py"),
              ("issue-repros2", "Issue reproductions, second batch", "calibration/issue_repros2.py"))


def issue_repros(issue_dir: Path, title: str = ISSUE_SETS[0][1], script: str = ISSUE_SETS[0][2]) -> list[str]:
    """## Issue reproductions: one row per target, dtype and version of one issue set's models (one small model per
    public issue report: calibration/issue_repros.py, issue_repros2.py), scored by calibration/score.py; "(was N%)"
    is the first scoring, before the fixes they taught (results/<set>/before/)."""
    rows = load(issue_dir)
    if not rows:
        return []
    before = dict(load(issue_dir / ISSUES_BEFORE)) if (issue_dir / ISSUES_BEFORE).is_dir() else {}
    out = [f"## {title}", "",
           "One small onnx.helper model per public rknn-toolkit2 issue report that names an op pattern and what the "
           f"toolkit did (a crash, a failed build, an op on the CPU): `{script}`, the issue URL per "
           "model in its manifest; built with the real toolkit on the family the report names and its neighbours. "
           "\"(was N%)\": the first scoring, before the fixes these rows taught.", "",
           "| target | dtype | toolkit | models | built | verdict | failure recall | false alarms | CPU nodes | "
           "CPU recall | CPU precision |", "|" + "---|" * 11]

    def was(now: str, b: dict[str, Any] | None, s: dict[str, Any], key: str) -> str:
        return now if (b or {}).get("summary", {}).get(key) == s.get(key) else _was(now, b, key)

    for name, res in sorted(rows, key=lambda x: (str(x[1].get("target")), str(x[1].get("dtype")),
                                                 _version_key(str(x[1].get("toolkit"))))):
        s, b = res.get("summary", {}), before.get(name)
        conf = s.get("verdict_confusion", {})
        fails = conf.get("fail_predicted_and_failed", 0) + conf.get("build_predicted_but_failed", 0)
        fr = f"{was(_pct(s.get('failure_recall_pct')), b, s, 'failure_recall_pct')} of {fails}" if fails else \
            "no failing build"
        fa = s.get("false_alarms")
        fa_b = (b or {}).get("summary", {}).get("false_alarms")
        out.append(f"| {res.get('target')} | {res.get('dtype')} | {res.get('toolkit')} | {s.get('models')} | "
                   f"{s.get('builds')} | {was(_pct(s.get('verdict_agreement_pct')), b, s, 'verdict_agreement_pct')} | "
                   f"{fr} | {fa}{f' (was {fa_b})' if fa_b is not None and fa_b != fa else ''} | {s.get('cpu_nodes')} | "
                   f"{was(_pct(s.get('cpu_node_recall_pct')), b, s, 'cpu_node_recall_pct')} | "
                   f"{was(_pct(s.get('cpu_node_precision_pct')), b, s, 'cpu_node_precision_pct')} |")
    return out + [""]


PINNED = "pinned"  # calibration/results/pinned/<set>/<target>-<dtype>-<version>.json, first scorings in <set>/before/
# results/pinned/<set> -> the script that exports the set (a set not listed is shown under its folder name)
PINNED_SETS = {"main": "calibration/export_models.py", "unseen": "calibration/export_unseen.py",
               "ultralytics-dynamic": "calibration/export_ultralytics_dynamic.py"}


def pinned(pinned_dir: Path) -> list[str]:
    """## Pinned inputs: the models with a non-static graph input, built with load_onnx(inputs=...,
    input_size_list=...) (calibration/run_toolkit.py --pin) and checked as the same model with those static dims
    written in (calibration/pin_models.py), one row per set, target, dtype and version; "(was N%)" is the set's
    first scoring (results/pinned/<set>/before/)."""
    sets = sorted(d for d in pinned_dir.iterdir() if d.is_dir()) if pinned_dir.is_dir() else []
    rows: list[tuple[tuple, str]] = []
    for d in sets:
        before = dict(load(d / ISSUES_BEFORE)) if (d / ISSUES_BEFORE).is_dir() else {}
        for name, res in load(d):
            s, b = res.get("summary", {}), before.get(name)

            def was(key: str, s=s, b=b) -> str:
                now = _pct(s.get(key))
                return now if (b or {}).get("summary", {}).get(key) == s.get(key) else _was(now, b, key)
            conf = s.get("verdict_confusion", {})
            fails = conf.get("fail_predicted_and_failed", 0) + conf.get("build_predicted_but_failed", 0)
            fa, fa_b = s.get("false_alarms"), (b or {}).get("summary", {}).get("false_alarms")
            label = f"{d.name} (`{PINNED_SETS[d.name]}`)" if d.name in PINNED_SETS else d.name
            rows.append(((d.name, str(res.get("target")), str(res.get("dtype")), _version_key(str(res.get("toolkit")))),
                         f"| {label} | {res.get('target')} | {res.get('dtype')} | {res.get('toolkit')} | "
                         f"{s.get('models')} | {s.get('builds')} | {was('verdict_agreement_pct')} | "
                         + (f"{was('failure_recall_pct')} of {fails}" if fails else "no failing build") + " | "
                         f"{fa}{f' (was {fa_b})' if fa_b is not None and fa_b != fa else ''} | {s.get('cpu_nodes')} | "
                         f"{was('cpu_node_recall_pct')} | {was('cpu_node_precision_pct')} |"))
    if not rows:
        return []
    return ["## Pinned inputs", "",
            "The models of a set that have a non-static graph input (dynamic batch, H / W or sequence length; dynamo's "
            "dynamic exports), built the \"pinned\" way of the scoring: `load_onnx(model, inputs=[...], "
            "input_size_list=[[...]])` with the dims each was exported at (`calibration/run_toolkit.py --pin`), and "
            "checked by rknnlint as the same model with those static dims written into its graph inputs "
            "(`calibration/pin_models.py`; `rknnlint check --input-shape` does the same in memory). Models whose "
            "inputs are all static are left out: their pinned job is the as-exported job. \"(was N%)\": the first "
            "scoring, with the code before anything these rows taught (results/pinned/<set>/before/).", "",
            "| set | target | dtype | toolkit | models | built | verdict | failure recall | false alarms | CPU nodes | "
            "CPU recall | CPU precision |", "|" + "---|" * 12] + [r for _, r in sorted(rows)] + [""]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--results", type=Path, default=ROOT / "calibration" / "results")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "accuracy.md")
    ap.add_argument("--check", action="store_true", help="exit 1 when --out is not what the results give")
    a = ap.parse_args(argv)
    before_dir, unseen_dir, pre_dir = a.results / BEFORE, a.results / UNSEEN, a.results / PRETRAINED
    later = {}
    for key, _ in LATER_SETS:
        d = a.results / key
        later[key] = (dict(load(d)) if d.is_dir() else {},
                      dict(load(d / LATER_BEFORE)) if (d / LATER_BEFORE).is_dir() else {})
    text = render(load(a.results), dict(load(before_dir)) if before_dir.is_dir() else None,
                  dict(load(unseen_dir)) if unseen_dir.is_dir() else None,
                  dict(load(pre_dir)) if pre_dir.is_dir() else None,
                  dict(load(unseen_dir / UNSEEN_BEFORE)) if (unseen_dir / UNSEEN_BEFORE).is_dir() else None,
                  later)
    for key, title, script in ISSUE_SETS:
        issues = issue_repros(a.results / key, title, script)
        if issues:
            text = text.rstrip("\n") + "\n\n" + "\n".join(issues)
    pin = pinned(a.results / PINNED)
    if pin:
        text = text.rstrip("\n") + "\n\n" + "\n".join(pin)
    fix = fix_rate(a.results / FIX)
    if fix:
        text = text.rstrip("\n") + "\n\n" + "\n".join(fix)
    if a.check:
        current = a.out.read_text() if a.out.exists() else ""
        if current != text:
            print(f"{a.out} is stale: run python calibration/accuracy.py", file=sys.stderr)
            return 1
        return 0
    a.out.write_text(text)
    print(f"wrote {a.out} from {len(list(a.results.glob('*.json')))} results files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
