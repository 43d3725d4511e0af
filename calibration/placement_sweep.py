"""Sweep small onnx.helper models through the real toolkit to test where a family puts layout work on the CPU.

The motif tables (rules/motifs/) say where real exports' layout runs ran; held out (a model left out of the tables)
rk3566 fp16 recall stayed near 57%, so some placements depend on context the motif keys did not spell. Each *case*
here is one hypothesis about that context, built at several sizes between real NPU neighbours (Conv, Add, MatMul
with a weight), and the layer table says which ONNX node got a CPU layer:

- `inorm`: Conv / Add -> InstanceNormalization -> Relu -> Conv: does the toolkit hand the InstanceNorm's input and
  output through a CPU Transpose / Reshape (its layout for exNorm), whatever the size?
- `head3`: x[1,S,D] -> MatMul(W[D,N]) -> Add(b) -> graph output [1,S,N]: is the Transpose after the MatMul or the
  Reshape on the output on the CPU, depending on N?
- `head3sm`: `head3` with a Softmax over N before the output (a CTC recogniser's head, PP-OCR rec: S = 40, D = 120;
  N = 6625 to 18710 as PP-OCRv4 / v5 / v6 rec: past 8192 the Linear's Transpose ran on the CPU on rk3588 with 2.3.2).
- `in2pad`: a rank-2 input [1, L] into a reflect / constant Pad, Unsqueeze and a strided Conv1d (silero-vad's STFT
  front, L = 512, 576, 1024): does the toolkit's Reshape on the input run on the CPU (the sweep's `inputs`)?
- `crnn`: ddddocr's CRNN head behind a bidirectional LSTM (Transpose(0, 2, 1, 3), two Reshapes, a Gemm over the
  T rows, Reshape back): with 2.3.2 the toolkit's rank-4 Transpose in front of the Gemm ran on the CPU (pretrained
  ddddocr-common on rk3588, rk3566, rk3576, rv1106), `gemmrows` behind an Add did not.
- `padin`: a zero Pad over H of a map one wide (openWakeWord's NHWC embedding front, [1, 76, 32, 1]) on the graph
  input and behind a Conv, against the NCHW equivalent and maps 16 wide: with 2.3.2 on rk3576 the Pad of the
  [1, 76, 32, 1] map ran on the CPU on the input and inside, the others on the NPU (probe variant Pad/constant_w1_h).
- `yhead`: an anchor-free detector level (PicoDet as Paddle2ONNX writes it: Sigmoid -> Reshape [1, C, H*W] ->
  Transpose -> output) at map sizes whose H*W is and is not a multiple of 16: is the Reshape on the CPU by size?
- `yheads`: the `yhead` level whole as PicoDet has it (layout-cdla): a Conv to 10 + 32 channels, a Split, the scores
  through Sigmoid and the box bins straight from the Split, each Reshape [1, C, H*W] -> Transpose -> its own output.
- `nhwc_out`: a Conv map handed out channels-last (Transpose(0, 2, 3, 1) -> output, MTCNN P-Net's box values).
- `nhwc1`: a one-channel channels-last input Reshape-d to NCHW (after a Pad) in front of a Conv, as tf2onnx writes
  openWakeWord's embedding model, and a [1, 96, 1, 1] map Reshape-d to [1, 1, 1, 96] into the output.
- `flat3`: a rank-3 feature sequence Flatten-ed into a Gemm classifier (openWakeWord's heads), fed by the graph
  input or by an Add.
- `bn1d`: PP-OCRv6-tiny rec's Conv1d neck (Squeeze -> BatchNormalization on [1, C, T] -> HardSwish -> Unsqueeze ->
  1x1 Conv -> Squeeze -> BatchNormalization -> HardSwish -> Transpose -> Linear).
- `pool3`: a sequence encoder's pooled state (Mul by a gate -> ReduceSum over the tokens of [1, T, D], keepdims 0 ->
  Div -> Gemm -> Tanh -> Unsqueeze -> Expand; translit-encoder).
- `div2`: a masked mean over the tokens of [1, T, D] (ReduceSum, keepdims 0) divided by a computed count [1, 1]
  (`count`, translit-encoder), by a computed [1, D] (`same`) or by a constant (`const`): the computed divisors' Div
  ran on the CPU in every rk3576, rk3566 and rk3562 int8 build (2.5.0; `nodes` Div2:t), the constant's did not.
- `melspec`: a log-mel front end (two strided Conv1d -> Unsqueeze -> Transpose to [1, 1, frames, bins] -> Pow -> Add
  -> MatMul by the filterbank -> Clip -> Log; openWakeWord's melspectrogram).
- `gemmrows`: a CRNN classifier over a [T, 1, D] sequence (Reshape to [T, D], Gemm, Reshape to [T, 1, N], output);
  `gemmrows_rnn` / `gemmrows_lstm`: behind a bidirectional LSTM's [T, 2, 1, D/2] (Transpose, two Reshapes), as
  ddddocr's recogniser: on rk3588 a Gemm of more than 8192 features put its Transpose back on the CPU and nothing on
  the output (motifs.wide_key), 37 features the output Reshape.
- `yhead3`: a three-level YOLOv8 / YOLOX head (each level's Concat Reshaped to [1, C, H*W], the rows Concatenated,
  then Split or Transpose to the output) over 8 map sets and C = 6, 65, 80, 82: on rk3588 (2.5.0 fp16) a level's
  Reshape ran on the CPU where C % 16 != 0, H % 4 = 2 and W % 4 != 0 (motifs.flat_key), the Reshape after the rows'
  Concat where C % 16 != 0 and the row count is no multiple of 8 (motifs.boundary_sized_key).
- `out1`: a rank-1 output Reshape [1, N, T] -> [N * T] after Conv1d -> Sigmoid (silero-vad's speech probability):
  on the CPU for T = 1 (motifs.vector_key).
- `out1op`: a rank-1 output [N] made by an op that is no Reshape (Relu, Add, Mul of a Reshaped Gemm; a gaze head's
  ReduceSum -> Mul -> Sub; a ReduceSum over a map's (0, 2, 3)), N = 1, 2, 90, 1000: is a CPU Reshape added on it
  (motifs.output_key `<class>>out1`)?
- `svtail`: the end of PaddleOCR's SVTR mixer ([1, T, C] -> Add -> LayerNorm -> Reshape [1, 1, T, C] ->
  Transpose(0, 3, 1, 2) -> Conv): are the Reshape and the Transpose on the CPU?
- `scalar`: ReduceMax over all -> Sub -> Cast -> Clip's min (openWakeWord's log-mel floor): the Reshape after the Sub
  on the CPU, none after the Cast (boundary_sized_key `elt0>elt@<reduce`).
- `outcat`: BlazeFace's outputs, two levels' [1, H * W * A, K] rows Concatenated into [1, N, K]: is a CPU Reshape
  added on the output, by K?
- `outrows`: a detector level's output of many rows as SCRFD writes it (Conv -> Transpose(0, 2, 3, 1) -> Reshape
  [-1, K] -> Sigmoid / Mul / nothing -> [H * W, K]): is a CPU Reshape added on that output, as on a head's [1, N]?
- `nhwc_rms`: a channels-last norm written out between Transpose(0, 2, 3, 1) and back (ConvNeXt-RMS as torch dynamo
  writes it, an RMS, a mean alone, and the LayerNorm the toolkit fuses as the control): are the means' Reshapes to
  rows and the Transposes on the CPU, by how many means the block has?
- `rmsc`: an RMSNorm over the channels of an NCHW map written out (timm's RmsNorm2d, MobileNetV5: Pow -> ReduceMean
  over axis 1 -> Add -> Sqrt -> Div(1, .) -> Mul by x -> Mul by the weight), against a Reciprocal, x / sqrt(.), a
  Sigmoid gate's Mul and the same norm over the last axis of tokens: is it fused, and which of its nodes run on the CPU?
- `roll`: Swin's cyclic shift (torch.roll as two Slices and a Concat per axis) over an NCHW Conv map and over a
  channels-last map of tokens, with the Reshape back, a LayerNorm, a zero Pad or a window partition behind: which
  rolls' Gathers (the toolkit's `<Concat>_2gather`) run on the CPU?
- `mdta`: Restormer's channel attention over H * W of 4096 to 16384: does the rv1106 build crash past 8191?
- `lsa`: Twins-SVT's locally-grouped attention (a rank-6 window grid into the qkv Linear, q / k / v of rank 5):
  which of its nodes run on the CPU over 64, 16, 4 and 1 windows?
- `pmerge`: timm Swin's patch merging (rank-6 Reshape / Transpose(0, 1, 3, 4, 2, 5), a LayerNorm, the reduction
  Linear over the channels-last map) and a final norm into the global pool: which run on the CPU?
- `sepattn`: q, k, v each from a Linear of their own (CLIP's text encoder, SAM's two-way decoder), self and cross:
  do v's head-split Reshape and Transpose run on the CPU by the key / value token count?
- `evonorm`: timm EvoNorm-S0's group std in rank 5 (Reshape [1, G, C / G, H, W] -> Cast -> mean, square, mean,
  eps, Sqrt -> Expand -> Reshape back): which of its rank-5 nodes get CPU layers?
- `duoln`: two written-out LayerNorms of the same tokens (parallel ViT blocks): one CPU exNorm or two?
- `padtail`: EfficientAD's anomaly-map tail (a zero Pad of a [1, C, H, W] map -> a bilinear Resize to the
  output, a 3x3 Conv, or the graph output): is the Pad on the CPU by what reads it?
- `mitffn`: a Mix Transformer stage as dynamo writes SegFormer / GLPN's (the map flattened to tokens and back
  around the Mix-FFN's depthwise Conv): from which H * W do its Reshapes run on the CPU (rv1106 int8)?
- `infmask`: the attention mask as TorchScript writes transformers 5's (Where(mask, 0, -inf) per layer) against
  torch.export's (the float minimum, shared): does the -inf put the Softmax on the CPU (rv1106 int8)?
- `padconv`: a zero Pad straight into a Conv (DCCRN's causal time Pad of one channel into a Conv with its own
  pads, CREPE's (255, 256) frame Pad, Demucs' waveform Pad): taken into the Conv, or a layer of its own on the CPU?
- `padc`: BlazeFace's channel Pad (Relu [-> MaxPool] -> Pad the channels by P -> Add with a 1x1 Conv): on the CPU
  by the channel count C?
- `head2`: a classifier head making a rank-2 output [1, N] (Linear on a flat [1, C]: MatMul + bias Add or one Gemm,
  then Softmax / Sigmoid / Relu / Identity, N = 1, 2, 4, 7, 8, 16): does the CPU Reshape come after the Linear or on
  the output (`heads`, read by RKN610)? On rk3588 fp16 (2.5.0) after MatMul + Add whatever follows, on the output
  after a Gemm with anything behind it, and on the output for N = 1; none for N = 8, 16; none at all on rv1106 int8.
- `tphw`: a rank-4 Transpose of a [1, C, H, W] Conv map (perms 0132, 0231, 0213, 0312; into a 1x1 Conv or the
  output) for H * W at 8190 to 655360 (the toolkit's 'required product no larger than 8192' warning, issue 490 of
  airockchip/rknn-toolkit2; calibration/issue_repros.py `i490_transpose_hw_wide`), a DFL's bins [1, 4, 17, W] to
  W = 8400 (issue 378) and `tphw_rs_*`, the map made by a Reshape in front (the toolkit merges the two: on rk3588 the
  channels-last Transpose left the NPU from W = 2048 there, from 8400 without it): rules/<family>.yaml
  `transpose_hw_npu_max`.
- `zpool`: triplet attention's Z-pool branch (a [1, C, H, W] Conv map Transposed by 0213 or 0321, ReduceMax and
  ReduceMean over the new axis 1 with keepdims (`reduce` "maxmean"; "mean": the mean alone), Concat, a 3x3 Conv to one
  map, Sigmoid, Mul with the Transposed map, the inverse Transpose, Add to the map; unseen set 22's triplet-attention
  ResNet): are the two Transposes on the CPU, by perm, C, H, W, reducer, family and toolkit version?
- `axmean`: the mean over one side of a map (SeaFormer's squeeze-axial attention, coordinate attention), kept as
  [1, C, L, 1], squeezed to [1, C, L] and reshaped back, or into attention heads: which layers leave the NPU?
- `coordatt`: coordinate attention with positive axes (ReduceMean [3] and [2] of one map, Concat, split, two gates),
  12 to 104 wide, 64 to 256 channels: which mean's lowering leaves the NPU, per version (`reduces_sized` side keys)?
- `tokrms`: a token RMSNorm with rsqrt written as Sqrt -> Reciprocal (torch dynamo's ViTs), which the toolkit does
  not fuse: which of its layers leave the NPU?
- `headrms`: an RMSNorm over the head dim of attention heads [1, H, T, D] (qk-norm, or on the attention output):
  which of the mean's lowering layers leave the NPU, by front, axis as written (3 or -1) and size?
- `ibnorm`: MODNet's IBNorm (half the channels Sliced into a BatchNorm, half into an InstanceNorm, Concat): is the
  InstanceNorm's CPU layout named after the Slice, by map size?
- `readout`: a ViT's tokens read out as a map (Add -> Slice off the class token -> Reshape [1, h, w, C] ->
  Transpose to NCHW -> Conv; DPT): which layers leave the NPU, named after what?
- `scalenorm`: RTMPose's ScaleNorm on keypoint tokens (ReduceL2 -> Mul -> Clip -> Div -> Mul): which layers leave
  the NPU?
- `rms_cf`: timm's RmsNorm2d written out over the channels of a map (MobileNetV5; Div(1, .), x / sqrt(.) or
  Reciprocal) and over the last axis: is the block fused into one exNorm layer, and if not, which nodes leave the NPU?
  (rules/toolkit/<version>.yaml rmsnorm_fused_axes, `nodes` Div4:r).
- `chpool`: CBAM's / PP-LiteSeg UAFM's channel mean (and max) -> Concat -> 7x7 Conv -> Sigmoid -> Mul: does the mean
  over the channels get a CPU Reshape (`reduces_chan`, motifs.reduce_channel_key)?
- `sqrt`: a magnitude (Conv -> Pow 2 -> Add eps -> Sqrt -> Conv, rank 3 and 4, as silero-vad's STFT): the Sqrt ran
  on the CPU in every rk3588, rv1106, rk3576, rk3566 and rk3562 int8 build and on the NPU in rk3588 float16 (2.5.0;
  `nodes` Sqrt3 / Sqrt4).
- `swap`: Conv -> Reshape [1,C,L] -> Transpose(0,2,1) -> MatMul -> Transpose(0,2,1) -> Reshape -> Conv: does a
  channel / length swap inside a network stay on the NPU for every C and L?
- `rnn`: LSTM / GRU with the Transposes PyTorch puts around them (batch_first): are those on the CPU?
- `reduce`: Conv -> ReduceMean / ReduceSum over H, W or the last axis, the axes written in each order and sign,
  keepdims 0 / 1, opset 13 / 18: which layers of the toolkit's lowering run on the CPU?
- `tocpu`: Sigmoid -> Log (a CPU op) on a rank-3 and a rank-4 tensor: is a CPU layout layer added in between?
- `gn1`: GroupNorm with one group as timm exports it (Reshape -> InstanceNormalization on [1, 1, C*H*W] -> Reshape):
  is the InstanceNorm on the CPU, as it is on a rank-4 input? `gn1s`: as timm's CPUBone writes it (the Reshape back
  to the map shaped by Shape of the map, behind a Conv or a residual Add; 32 x 8 x 8 to 512 x 7 x 7).
- `gnorm`: GroupNorm(G, C) as TorchScript writes it (Reshape [1, G, -1] -> InstanceNormalization -> Reshape back ->
  Mul(gamma) -> Add(beta)), behind a Conv or a residual Add, G = 8 / 32 with
  2 to 32 channels per group, maps 8 to 64: which exNorm layer runs on the CPU, and whose name does it take (the
  InstanceNorm's, '<inorm>#1', or the input's, '<x>_rs_norm')? `_zero_init` / `_zero_identity`: gamma all zero,
  stored or read through an Identity (timm's zero_init_last): is the branch dropped?
- `shapeonly`: an int64 Add whose result only a Shape reads (PointPillars' scatter indices), against the same Add
  also added into the data: is it on the CPU?
- `condconv`: CondConv's computed kernels (routing weights @ the experts' kernels -> Reshape -> the Conv's weight),
  depthwise and pointwise: is the Reshape on the CPU?
- `grid6`: MaxxViT-v2's grid attention (Reshape to [1, g, H/g, g, W/g, C] -> rank-6 Transpose(0, 2, 4, 1, 3, 5) ->
  [H/g * W/g, g, g, C] -> Linear, Linear -> the reverse Transpose(0, 3, 1, 4, 2, 5) -> [1, H, W, C]; map side, grid,
  channels): which of the two rank-6 Transposes and their Reshapes run on the CPU?
- `token`: LayerNorm -> Gather(index 0, axis 1) -> Gemm (a ViT's class-token pick): is the Gather on the CPU?
- `anchor`: a YOLOv5-style anchor head level (Reshape to [1, 3, K, H, W], Transpose(0, 1, 3, 4, 2), Sigmoid, Reshape
  to rows, Concat): are its Transpose and Reshapes on the CPU?
- `attn`: timm's Attention block (qkv Linear, Reshape / Transpose to heads, Split, q @ k^T, Softmax, @ v) at token
  counts that are and are not multiples of 4, and over a batch of 4 patches as MobileViT runs it: which of its layout
  nodes run on the CPU? (`attnb`: the bias Adds
  written Add(b, x), 8 heads of 8 as timm CoaT has them: the same layers, the same names.)
- `rope`: the attention with q and k rotated after the take (timm's RoPE ViT as torch dynamo writes it: strided
  Slices over d into an interleave, or the rotate-half form), a class / register prefix Sliced off: which toolkit
  versions keep the strided Slices on the NPU?
- `attnt`: the attention with a Linear and a residual Add behind it: the proj Linear's CPU Transpose of the base
  case (N = 50, 197) belongs to the graph output (here it went after the tail, the proj stayed on the NPU).
- `xca`: XCiT's cross-covariance attention (qkv Transpose(2, 0, 3, 4, 1)): which layout nodes, at N = 64, 196, 197?
- `lnout`: a token encoder's last LayerNorm handed to the graph output (Whisper's ln_post, HuBERT's final norm), into a
  Linear (the control) or both: is the norm on the CPU when it makes the output (rk3566: yes)?
- `lnout_dec`: `lnout` with the norm written out (Speech2Text's final layer_norm): the output's CPU layer is the fused
  norm's `<mean>_2ln_rs_tp` on rk3566 (2.3.2 fp16 / int8, 2.5.0), named after the first mean (the table's `named: norm`).
- `edgeblk`: EdgeNeXt's conv encoder as dynamo writes it (depthwise Conv -> channels-last LayerNorm -> MLP with the
  GELU in dynamo's or TorchScript's order -> layer scale -> Transpose back -> + the stream): rk3566 2.3.2 (fp16, int8)
  ran the norm's Transpose and the Transpose back on the CPU behind the dynamo GELU it does not fuse, 2.5.0 none
  (motifs.nhwc_mlp_act_key).
- `swinir`: SwinIR-light's window attention on a rank-3 token stream (written-out LayerNorm, rank-6 window partition,
  qkv Reshape / Transpose / Split / Squeeze, relative bias, window reverse) by C, heads and the window count.
- `linattn`: LoFTR's linear-attention encoder (elu + 1 feature maps, k^T v and the normaliser as Einsums, self and
  cross layers over two maps) by tokens, width and heads (motifs.linear_attention).
- `x3dblk`: X3D's bottleneck (1x1x1 Conv3d, depthwise 3x3x3 Conv3d, squeeze-excite, Swish, 1x1x1 Conv3d, residual)
  with and without the excite and the head Conv3d into the pool, 40 x 40 to 5 x 5 maps of 4 and 8 frames.
- `bmmattn`: transformers' older eager attention (q / k / v heads Reshape-d to [h, N, d] for rank-3 MatMuls; TrOCR's
  cross attention, SpeechT5's with its relative bias) by the key tokens, query tokens, heads and head width.
- `obbhead`: ultralytics' OBB head whole (levels, DFL, the angle's rotation of the boxes, the output Concat) by
  anchors, map form and classes.
- `readln`: Depth Anything's stage read-out (LayerNorm -> Slice off the class token -> Reshape [1, h, w, C] ->
  Transpose -> Conv) with the norm shared with q / k / v Linears or read by the read-out alone.
- `unshuf`: XFeat's stem (the image's channel mean -> one-channel InstanceNorm -> pixel unshuffle by r written out
  -> Conv), square and rectangular maps, on the input or behind a Conv.
- `wavfront`: wav2vec2 / HuBERT's first layer (waveform -> Unsqueeze -> Conv1d -> GroupNorm(C, C) on the rank-3 map).
- `sdpak`: Whisper's encoder self-attention as torch dynamo writes its SDPA (k^T through a rank-3 Transpose).
- `fshift`: Hugging Face Funnel Transformer's relative shift (no Pad: scores [1, h, N, M] -> Reshape [1, h, M, N] ->
  Slice off the first row -> Reshape [1, h, N, M - 1]): which Reshape leaves the NPU, by h, N and M?
- `mexp`: a padding mask from token ids Expand-ed over the heads (FastSpeech2's encoder, torch's expand(-1, h, -1,
  -1)) into the scores: does the Expand run on the CPU?
- `pmask`: an attention whose additive mask the network computes from its tokens (Pix2Struct's vision encoder: a
  full [1, 1, N, N] map, or BERT's [1, 1, 1, N] row), safe Softmax or plain: is the Softmax on the CPU?
- `yhead26`: YOLO26's end-to-end head (each branch's level Reshapes to [1, C, H*W], the branches' rows Concatenated
  over the levels, then on axis 1 into the output; YOLO26s and YOLO26s-pose).
- `hfswin`: Hugging Face Swin's block (window partition, q / k / v Linears of their own reading one value, the
  window reverse, the MLP, the patch merging) at Swin-T's stages: which of its nodes run on the CPU over windows?
- `hfswinpad`: Hugging Face Swin's block as transformers 5 exports it (q unscaled, scores divided after q @ k^T) on a
  map the window need not divide (Donut at 384 x 320: 96 x 80 padded to 100 x 80 for window 10, cropped back by
  Slices after the window reverse), with the patch merging on the rectangular map: which nodes run on the CPU?
- `kvstep`: a Whisper-like decoder step with its self / cross caches as graph inputs [L, 1, P, C] Gathered per layer,
  the new k / v rows Concatenated to the self cache before the head split: which writers / readers of that Concat and
  which cache inputs get CPU layers, by P + 1, S and C?
- `mvitdyn`: MobileViT's block as torch dynamo writes it (unfold, attention over the 4 patch pixels with its qkv
  unbound by Slices, fold) at MobileViT-XXS / XS / S widths: by the width C or the head width d?
- `gcattn` `_silu`: the global-context block with its map made by a SiLU, as GC-EfficientNetV2's blocks have it.
- `skattn`: timm's selective-kernel attention (branches Unsqueezed and Concatenated to rank 5, summed, pooled, a
  Softmax over the branches, the weighted sum) at SKResNeXt-50's stages, and at 2 to 4 paths on smaller maps.
  `skattnc` / `skattnhw`: the same by C at small maps and by the plane H * W (rectangular maps; rk3588: H * W no
  multiple of 8 (float16) / 16 (int8) put the stack, the Mul and both sums on the CPU).
- `gruchain`: RNNoise's streaming GRUs (Concats of the features input and earlier GRU outputs into each GRU, the N = 1
  voice-activity Linear) by the Concat widths' alignment.
- `hfmerge`: Hugging Face Swin's patch merging (strided Slices over H, then W, of a channels-last map) on square and
  rectangular maps (rk3588, and with 2.3.2 rk3562, rk3576, rk2118 float16, rv1106, rv1106b int8: all six Slices on
  the CPU where H != W).
- `vsz`: `sepattn` at 118k to 443k values of v ([1, N, h, d]: ViT-B's 577 x 12 x 64 and neighbours of 2^18): does v's
  head split leave the NPU past a size (rk2118)?
- `wide1`: a Linear of 12000 to 51865 output features over 1 to 8 rows (a decoder step's vocabulary head), against
  the families' `wide_features_npu_max` measured at 40 rows.
- `maskidx`: an int64 attention mask as transformers 5 writes it (Cast -> Flatten -> Gather by constant indices ->
  Reshape -> Reshape [1, 1, 1, N] -> Cast -> And -> Expand -> Where), against the Gather left out and two Unsqueezes:
  where does the toolkit put the mask's CPU layer (the last Reshape, or a Reshape on the input)?
- `relshift`: Transformer-XL-style relative shift (Pad, Reshape [h, M + 1, N], Slice, Reshape back) of
  Wav2Vec2-Conformer; measured on rk3588 float16 2.3.2 only (2026-12-07, not merged: a Conv in front, where the export
  has a MatMul, put the Pad on the CPU at 4 and 12 heads, which the export's MatMul-fed Pad was not). `relshift_mm`: the
  export's form (q @ positions^T, then the shift) by h, N and d (rk3588: the Reshapes on the CPU at h no multiple of 8,
  16 in int8, by the class of the last dim in and out; the Pad on the NPU).
- `dynconv`: ConvBERT's dynamic convolution (the kernel Linear Reshaped to [T * h, k, 1], a Softmax over the taps,
  the product with the unfolded values): by T, k and h, is there a CPU Reshape after the kernel Reshape?
- `outscale`: a landmark head's Reshape [1, N, K] of a 1x1 Conv (or a map's flatten) scaled by a constant (Div /
  Mul / Add), a Sigmoid or nothing, making the rank-3 graph output: whose name the output's CPU Reshape takes.
- `semean`: a RegNet block's grouped Conv read by its squeeze-excite ReduceMean over (2, 3) and the gate's Mul: is
  the Reshape after the Conv (for the mean) on the CPU by H * W, groups and version?
- `kvrep`: transformers' repeat_kv (k / v [1, kvh, T, d] -> Unsqueeze(2) -> Expand [1, kvh, rep, T, d] -> Reshape
  [1, kvh * rep, T, d]) into the attention's MatMuls: does the Expand run on the CPU, by kvh (1: multi-query), rep?
- `kvsrc`: the same repeat_kv by what makes the repeated head (the projection, + / * a constant, RoPE, a sum of two
  projections, a cache Concat or ScatterND): which Expands does the toolkit turn into a CPU Gather?
- `c3dhead`: X3D's head, a 1x1x1 Conv3d -> Relu -> GlobalAveragePool: does the Reshape after the (Relu-fused) Conv
  run on the CPU by the map's size, as `c3dpool`'s?
- `signq`: an argmax pose decode's quarter-pixel refinement (GatherElements of the peak's neighbours, Gather to
  [K, 1] or not, Sub, Sign, Mul 0.25, Add): is there a CPU Reshape after the Sub into the CPU Sign, by rank, K, map?
- `dbmask`: DeBERTa-v2's int64 mask [1, N] Unsqueezed to a row [1, 1, 1, N] and (Squeeze, Unsqueeze) a column
  [1, 1, N, 1], multiplied in int64, Cast to bool, Not, into a Where on the scores: which int64 Unsqueezes run on the
  CPU, by N and form?
- `dmm`: a 3DMM face-alignment head (3DDFA): the pose Reshape [1, d * (d + 1)] -> [1, d, d + 1] between Slices and
  the landmarks Reshape [1, n * d, 1] -> [1, n, d] into a Transpose and R @ points: which run on the CPU, by n and d?
- `bcsub`: a MoveNet-style decode's grid [H, W] minus keypoint coordinates [K, 1, 1] (Sub of a computed x from a
  constant), by rank, operand order, which axes x is broadcast over and x's producer (rk3588: on the CPU where x is
  broadcast, on the NPU where it has the difference's shape, as Sub(x, c) and Add(c, x)).
- `chcat`: an OBB head's decoded parts (boxes, classes, angle) Concat-ed on the channel axis of [1, C, N] as the graph
  output or read by a Mul: by the part sizes, the total C and N.
- `zero`: a CPU op (Log; a whole attention) in a branch whose last Conv / MatMul has an all-zero weight, as timm
  initialises some residual branches: does the toolkit drop the branch (`zero_weight`)? `_ctl`: a random weight.
  `zero_mul`: the same behind a Mul by an all-zero constant, and (`_sr`) an int64 scalar graph input into it, as
  silero-vad adds `Cast(sr * 0)` to its state output: does the toolkit's fold_constant fold the Mul and the Cast
  behind it (and leave the input unread)?
- `zero_se`: a squeeze-excite behind a Conv with an all-zero weight (zero or random bias), as timm's ResNet-RS with
  random weights, 64 x 7 x 7 and 256 x 14 x 14, `_ctl` random: is the mean folded with the Conv (`Conv:fold`)?
- `reduce_tail`: a classifier's pool ReduceMean over (-1, -2) or (2, 3), keepdims, read by a 1x1 Conv, a Flatten ->
  Gemm or a Reshape -> Gemm (`reduce_readers`: whose name the CPU Transpose after the mean takes). rk3566 float16
  2.5.0: over (-1, -2) the mean's own with a Conv reading it (`Transpose:mean#1_rs#1`), the Flatten's / Reshape's
  with a Gemm behind (`Transpose:flat_y_tp_rs#1`); 2.3.2: no layer after the mean (the Reshape + Transpose in front
  only); over (2, 3) none (24 models).
- `maptok`: SimCC's head, a [1, K, H, W] map reshaped to K tokens [1, K, H * W] into a Linear (8 models): rk3566
  float16 2.5.0 and 2.3.2 put the Reshape and the Transpose it adds on the CPU for K = 17 at every map from 2 x 2 to
  64 x 48, on the NPU for K = 16 and 32 (merged as size-classed `sized` keys); rk3588 2.5.0 mostly on the NPU.
- `nanohead`: NanoDet's GFL head (levels reshaped to [1, C, H * W], Concat, Transpose [1, A, C], Split, the DFL
  Reshape [1, A, 4, 8] -> Softmax -> MatMul by the bins -> Reshape [1, A, 4] output) at 160 to 640 px, 1 to 80
  classes (6 models): on rk3566 float16 2.5.0 and 2.3.2 the DFL Reshape in front of the Softmax and the Reshape
  after the bins' MatMul on the CPU in every build (merged as `motifs`); the Concat's Reshape and the Transpose split
  by the anchor count (525 and 3549 on the CPU, 2100 on the NPU; the Transpose at 8400 on the CPU, no key); rk3588:
  on the NPU.
- `flattopk`: CenterNet's peak pick, a heat map [1, C, H, W] (4 x 8 x 8 to 20 x 48 x 48, 1 x 128 x 128) -> Mul ->
  Flatten -> TopK: rk3566 float16 2.5.0 (8 models) and 2.3.2 (7) put the Reshape the toolkit names after the Flatten
  on the CPU in every build (`motifs` elt>Flatten4>2:a16>topk; the whole builds' one NPU case was a back-off key).
- `zero_add`: RT-DETR's query selection, TopK indices + an int64 offset of zeros (an initializer, or computed from
  shapes: Shape -> Range -> Tile -> Mul, ultralytics' `arange(batch) * N`) -> Gather; `_one`, + 1 (the control): is
  the Add removed (`remove_invalid_add`; `zero_weight: Add: {node: removed}`)? On rk3566, rk3588, rk3562, rk3576
  float16 and rv1106 int8 with 2.5.0 and rk3566, rk3588 float16 and rv1106 int8 with 2.3.2: no Add layer for the
  zeros, the control's Add on the CPU (48 builds).
- `glu`: MambaOut's channels-last gated conv block (LayerNorm, Linear, Split, Transpose to a depthwise Conv and back,
  Concat, gate Mul, Linear) at 32 / 16 / 8 px, 48-192 channels, 1-3 blocks in a run: does it leave the NPU with
  size? One block stayed on the NPU at every size; a run of 2 or 3 at 16 or 8 px (48 or 96 channels) put the
  Transposes after fc1, around the depthwise Conv and after the gate on the CPU, at 32 px not
  (`channels_last`, motifs.glu_blocks). `nosplit`, the ConvNeXt block, put its LayerNorm's and fc2's output
  Transposes on the CPU at 16 px, 96 channels.
- `pattn`: the attention as Paddle2ONNX writes PaddleOCR's SVTR (q, k, v each a Slice + Squeeze, not a Split) at
  40 tokens of 8 heads of 15 (PP-OCRv4 / v5 / v6 rec) and a few other token counts / head widths.
- `wide`: a Linear with N output features (MatMul then a Softmax, as PP-OCRv5 rec's 18385-class CTC head; a Gemm
  then a Reshape, as ddddocr's 8210 classes) and a Softmax alone over N: on rk2118 float16 (2.5.0) the toolkit's
  Transpose back of the Linear (`<out>_mm_tp`) and the Softmax behind it or alone ran on the CPU for N = 8193 and
  more, on the NPU for 8192; on rv1106b int8 the Transpose from 16385 on, the Softmax after the Linear from 4097 on
  (family fact `wide_features_npu_max`, rules/rk2118.yaml and rules/rv1106b.yaml).
- `smtp`: a classifier map's Softmax over its classes behind a Transpose to channels-last (MTCNN P-Net) or over the
  channels: on the NPU on rv1106b int8 for 2, 16 and 80 classes, where the probe's graph-fed rank4_axis3 ran on the CPU
  (rv1106b `placement_after`).
- `dfl`: YOLOv8's DFL decode (Softmax over 16 bins, axis 1 of [1, 16, 4, A]) at A anchors: on rv1106b int8 (2.5.0)
  the Softmax ran on the CPU at 2100 anchors (nudenet's 320 px head), on the NPU at 400; 8400 crashed the build
  (SIGABRT; from 4096 anchors on: crash pattern dfl-softmax-wide, rules/motifs/crash-patterns.yaml).
- `dflpp`: PP-YOLOE's DFL decode (the bins [1, 4, B, A] Transposed to [1, 4, A, B], Softmax over the B bins on the
  last axis, Transposed 0312 to [1, B, 4, A] into the 1x1 projection Conv; B = 17 or 16, A anchors of one level;
  unseen set 22's PP-YOLOE-lite): rk3566 put a Reshape of the 0312 Transpose on the CPU with every version: by A, B?
- `dflhead`: the DFL inside YOLOv8's whole detect head (three levels' box and class Convs, Concat, Split, the DFL on
  the boxes, Sigmoid on the classes) at 320 px (A = 2100) with 1, 18 and 80 classes, 256 px (1344) and 640 px (8400);
  `_nosplit` as ultralytics 8.3 exports it (boxes and classes concatenated apart, no Split), also at 352 and 384 px
  (the largest level 1936 and 2304 anchors: does the limit hold per level where the levels' Concat feeds the DFL?).
- `dflhead84`: the same head as ultralytics 8.4 exports YOLOv8 / YOLO11 (opset 12: boxes and classes concatenated
  apart, the DFL as Reshape [1, 4, 16, A] -> Transpose [1, A, 4, 16] -> Softmax over the last axis -> Transpose ->
  bin Conv -> Reshape [1, 4, A] -> Slices -> decode) at 256 to 672 px (1344 to 9261 anchors): with 2.3.2 (and 2.2.0 /
  2.3.0 on rk3588) the Transpose after the last Reshape on the CPU on rk3588 (float16, int8) and rv1106 int8 (there
  also the first Reshape and a Reshape after the classes' Sigmoid) at 8400 and 9261 anchors only (motifs.long_key /
  boundary_long_key, `@long`: a dim past 8192), the Softmax on rk2118 float16 at 8400 and 9261 and on rv1106b int8
  from 2100 (`wide_features_npu_max` positions), nothing on rk3562 / rk3576.
- `posehead`: YOLOv8 / YOLO11 / YOLO12's Pose head (box, class and 17-keypoint Convs per level, each flattened
  [1, C, h * w] and Concat-ed, the keypoint decode Slices / Mul / Add / Sigmoid, Reshape [1, 51, A]) at 256 / 320 /
  384 / 640 px and the P6 head at 384: rk3566 fp16 2.3.2 put every level's keypoint and 1-class flatten Reshape
  on the CPU but one (yolo12n-pose's 40 / 10 of 40 / 20 / 10, yolov8n-pose-p6's 48 / 24 / 6 of 48 / 24 / 12 / 6,
  as unseen set 4's real builds); 2.5.0 none; rk3588 2.3.2 only the smallest level at 320 px and the P6 head.
  With 4 class channels (nc 4) rk3566 2.3.2 kept the class flatten on the NPU at every level, 6 like 1 on the CPU;
  rk3588 2.3.2 ran 4 and 6 on the CPU at 10 x 10 and 6 x 6 (motifs.flat_c4_key). `posekpt`: the same head on
  rectangular inputs (24 x 40 to 80 x 80): rk3588 (2.3.2 float16 / int8, 2.3.0) ran the keypoints' split [1, 51, A] ->
  [1, 17, 3, A] on the CPU wherever a level's flatten ran there (a level 2 modulo 4 both ways; int8 also one way),
  on the NPU otherwise (motifs.levels_split_key).
- `integral`: an integral (soft-argmax) pose head (heatmaps -> Reshape [1, K, H * W] -> Softmax -> Reshape back ->
  ReduceSum over H / W -> Mul by the positions -> ReduceSum): rk3566 fp16 (2.3.2, 2.5.0) both Reshapes and a
  Transpose after each Mul on the CPU; rk3588 none. `c3d`: a 3-D CNN ([1, 3, T, H, W] -> Conv3d ... -> Relu ->
  GlobalAveragePool): rk3566 the 5-D input's Reshape and the one after the last Relu on the CPU; rk3588 neither.
  `in3_tnet_add`: PointNet's T-net matrix + identity into the MatMul with the points: the Reshape after the Add on
  the CPU for C = 3, 6 (rk3566 and rk3588), 16 (rk3566). `c3dpool`: X3D's depthwise Conv3d read by its
  squeeze-excite GlobalAveragePool: rk3588 (2.3.0, 2.3.2, 2.5.0 float16; 2.3.2 int8) a CPU Reshape after the Conv
  where H * W is no multiple of 8 (10 x 10, 5 x 5), none at 8 x 8 to 20 x 20 (motifs.boundary_sized_key `@gap`).
- `xattn`: a decoder's cross-attention as torch.nn.MultiheadAttention exports it (the memory's packed k / v Linear,
  Reshape [S, 1, 2, D], the rank-5 Transpose, Gather k / v, heads), two k / v Linears and the self-attention form as
  near misses: rk3566 fp16 (2.3.2, 2.5.0) v's last Reshape on the CPU in every packed cross-attention build
  (motifs.kv_key), k's after-scale Transpose (2.3.2) or k's Transpose (2.5.0), the memory's Transpose; rk3588 none.
- `cattn`: DaViT's channel attention (k^T @ v -> Softmax -> @ q^T): rk3566 fp16 (2.3.2, 2.5.0) the qkv Reshape and
  Transpose on the CPU at every size (motifs.chan_key); rk3588 none. `wattn`: its window attention (SDPA form, 64 to
  1 windows of 49 tokens).
- `crnn_gru`: a CRNN head's last bidirectional GRU / LSTM -> Transpose -> Reshape [T, 1, 2H] -> Linear: rk3566 fp16
  (2.3.2, 2.5.0) the Reshape's CPU layer and the Linear's Transpose back; rk3588 none.
- `nhwc_mlp`: a channels-last MLP block (Transpose(0, 2, 3, 1) -> LayerNorm -> Linear 4C -> GELU -> Linear C) with
  the residual added back channels-last (`res`, Swin's; `res_swin` behind a token Linear through Reshapes) or after a
  Transpose back (`tp`, `tp_noscale`, `tp_tv`), 7 to 28 px, 32 to 384 channels, the LayerNorm one op or written out;
  `dw`: ConvNeXt's depthwise Conv in front, the residual from the stream before it. rk3566 fp16 (2.3.0, 2.3.2) put a
  Transpose after the LayerNorm and one at the exit (fc2's or the Transpose back) on the CPU wherever the residual
  reads the tensor the block's entry reads, nothing with `dw`; 2.5.0 the same at 7 to 16 px, nothing at 28; rk3588
  nothing (motifs.nhwc_mlp_key). `nhwc_mlp_chain`: two blocks in a row, or a token Linear in front without Reshapes,
  moved the exit layer to the last residual Add and kept a chained block's LayerNorm and fc1 on the NPU (its keys'
  form `chain` / `chainin`).
- `srattn`: spatial-reduction attention (PVT, Twins-PCPVT, SegFormer: k and v packed [1, M, 2, h, d] from a map
  reduced by a strided Conv, or from the tokens): rk3566 fp16 (2.3.2, 2.3.0, 2.5.0) ran the reduction's Reshape (or
  the kv Reshape), k^T's last node and v's Squeeze on the CPU for 2 to 8 heads, for one head v's alone where M is no
  multiple of 4; rk3588 none (motifs._kv_attention).
- `tokmlp`: MetaFormer's token MLP on rank-3 tokens (CAFormer / ConvFormer: LayerNorm -> fc1 -> StarReLU / GELU / Relu
  -> fc2, residual scale Mul) at 9 to 196 tokens: rk3566 fp16 2.3.2 ran fc1's Transpose back and the one after
  StarReLU on the CPU where N is no multiple of 4 (an Add of zero folded away: then after its Mul); GELU and Relu, 2.3.0,
  2.5.0 and rk3588 none (motifs.token_mlp, section `token_mlp`).
- `tnt`: timm's TNT block (q / k packed, v a Linear of its own; the pixel rows folded into the outer tokens) over 4
  to 196 patches: rk3566 fp16 ran the fold on the CPU with every version, the outer v where N is no multiple of 4,
  the inner v Transpose and the Reshape back for heads of 6 (2.5.0: every width, and the pair's Reshape), with 2.5.0
  the inner LayerNorm over more than 16 patches; rk3588 none (motifs._qk_attention, fold_key, rows_key).
- `hsm`: EfficientViM's HSM-SSD mixer (Conv1d -> Reshape to a map -> depthwise Conv -> Reshape back, B's weights
  Transposed, the state [1, C, S], out_proj, the state's classifier): rk3566 fp16 2.3.2 ran the Reshapes, B's Transpose
  and the first out_proj's Transpose on the CPU where S is no multiple of 4, 2.5.0 B's and every out_proj's; rk3588
  the Reshapes on 2 x 2 and 7 x 7 maps (motifs.unflat_key).
- `nhwc_attn`: timm's Attention over a channels-last map (VOLO's transformer stages as torch.onnx dynamo writes
  them: the qkv Linear on [1, H, W, C], q / k / v by Slice + Squeeze or a Split, an MLP behind or not, 1 or 2 blocks):
  rk3566 fp16 (2.3.2, 2.5.0, 2.3.0) ran the qkv Linear's Transpose back, the qkv Transpose, the Transpose after the
  product and the Reshape back on the CPU, v where N is no multiple of 4; rk3588 none (motifs `nattn5`).
- `aattn_area` sizes with 49, 25 and 36 tokens per area (YOLO12-cls's A2C2f at 224 px) and `aattn` built with 2.5.0 /
  2.3.0: with 4 areas every size ran the Split, q's Transpose, v @ attn^T and the way back on the CPU (2.3.2, 2.5.0,
  2.3.0); unsplit, 2.5.0 only the Split at 25, 49 and 225 tokens.
- `fattn`: CoaT's factorised attention (Softmax over k's tokens, k^T v, q @ that) at N = 50, 196, 197.
- `token_ln`: the class-token Gather behind a LayerNorm (`nodes_ctx`: it stayed on the NPU at 1, 50, 197 tokens).
- `reduce_sum_c128`: a ReduceSum over the last axis of 4 and 8 (`reduces_sized`: 4 stayed on the NPU).
- `reduce_plane`: a ReduceMean over [2, 3] of a 64- to 512-channel map of 2 x 2 to 28 x 28 and of 128 channels on
  non-square planes (`reduces_plane`, motifs.reduce_plane_key): rk3588 fp16 with 2.2.0 and 2.3.0 put a CPU Reshape
  after the op in front when neither H nor W is a multiple of 4; 2.3.2 none.
- `mapflat`: a [1, C, H, W] map (1 x 1 to 16 x 16, 1 x 25, 9 x 25; 8 to 512 channels) flattened (Flatten or Reshape
  [1, -1]) into a Linear (Gemm, or MatMul + Add) (`mapflats`, motifs.map_flatten_key): with 2.3.2 on rk3588 fp16 the
  Reshape the toolkit adds to hand the map to the Linear ran on the CPU unless H and W are both 5 or less or H * W is
  a multiple of 8; on rk3566 fp16 unless H and W are both 5 or less (ArcFace's 7 x 7, UFLD's 9 x 25 head).
- `reduce_plane_dyn`: the same pools with axes [-1, -2] at opset 18, as torch.onnx's dynamo exporter writes them
  (FBNet-C's and ResNet-Blur-18's 5 x 5 classifier pools, unseen set 6): rk3588 fp16 with 2.2.0 and 2.3.0 put the
  CPU Reshape after the op in front over 2 x 2, 5 x 5, 7 x 7 and 14 x 14, none over 8 x 8 and 16 x 16, as over [2, 3].
- `qkattn`: TNT-S's attention, a qk Linear without bias -> Reshape [B, N, 2, h, d] -> Transpose(2, 0, 3, 1, 4) ->
  Split, v from its own Linear (49 patches of 16 pixels with 4 heads of 6 or 8, 50 tokens with 6 heads of 64, 16
  windows of 64), with and without the qk bias: with 2.3.2 on rv1106 and rv1106b int8 and rk2118 fp16 the rank-5
  Transpose ran on the NPU in all 10 builds each (unseen set 6's TNT-S: none of its 24 on the CPU there).
- `dflhead` `_nosplit` int8 on rv1106 with 2.3.2: the DFL Reshape on the CPU over 8400 anchors, on the NPU up to 7581.
- `seghead84`: `dflhead84` with a Segment head's 32 mask coefficients as the output Concat's third input: rk3588 fp16
  with 2.3.2 and 2.3.0 put a Reshape after the stride Mul on the CPU at 2100 and 3549 anchors, none at 5376 and 8400.

int8 (issue 12: the int8 rows of rk3588 / rk3566 / rk3576 / rk3562 missed what fp16 never showed; built with
`run_toolkit.py --dtype int8`, which quantizes on seeded NCHW .npy samples):

- `div`: a Div whose divisor the network computes (EfficientViT's linear attention divides by its normaliser + eps),
  broadcast over the last axis, over channels or of one shape, against a Div by a constant and a Mul: is the
  quotient of two quantized tensors on the CPU?
- `xca_..._d<d>`: EdgeNeXt's cross-covariance attention (L2-normalised q, k as [B, h, d, N]) at its three head
  widths: is v's layout layer on the CPU by the head width?
- `wrows`: the rows side of `wide` (a Linear at 1 to 65 rows behind a Transpose, an Add or a sequence-first [T, 1, C]
  input, into a Softmax or a Relu and the output): rk3566's `aligned: {rows: 4}` (unseen set 4).
- `avgpool`: Conv -> AveragePool -> 1x1 Conv (k3 s1 p1, k3 s2 p1, k5 s1 p2 leaving the pads out of the mean, k3 s1
  p1 counting them, k2 s2 unpadded; 64 channels on 14 x 14, 384 on 35 x 35 as Inception-v4's branch pools): the padded
  pools that leave the pads out ran on the CPU in every int8 build of rk3588, rk3566, rk3562 (2.3.2, 2.5.0, 2.3.0 on
  rk3588 / rk3566) and rk3576 2.5.0, as in float16, and on the NPU on rk3576 int8 with 2.3.2 (`nodes`
  AveragePool4:pad_excl). Unseen set 6's Inception-v4 on rk3576 int8 2.3.2: 14 false CPU warnings.
- `resize1`: an ASPP image-pooling branch (GlobalAveragePool -> 1x1 Conv -> bilinear Resize of the 1 x 1 map to H x W,
  align_corners and half_pixel -> Add): the sweep's Resize class `hw1` (motifs.node_key_sweep), apart from the
  upscales measured on the CPU in int8 (unseen set 6's DeepLabV3+ on rk3576 int8 2.3.2).
- `in3`: a rank-3 graph input into a Conv1d ([1, C, T]), a MatMul ([1, T, C]) or both (PointNet's input transform,
  `in3_tnet_*`) at several sizes: is the Reshape
  the toolkit puts on it on the CPU by its last dim (inputs' sized keys `in3:f>conv@a1`)?
- `aattn_area`: the same attention as YOLO12's A2C2f exports it, through a Transpose and a Reshape into `areas`
  batches of tokens before the Split (4 at the P4 level; 1 where the area split is off).
- `aattn`: ultralytics' area attention (YOLO11 / 12 / 26: Conv qkv, Reshape, Split on axis 2, v @ attn^T) at token
  counts 25 to 400: is the layout layer on v on the CPU?
- `unfold`: MobileViT's unfold / fold Reshape -> Transpose runs around its transformer at the sizes of its stages.
- `resize`: a U-Net's align_corners bilinear x2 Resize over spatial sizes and channel counts.
- `resizeac`: Fast-SCNN's pyramid pooling Resizes (align_corners, sizes) by input and output size: on the NPU where
  (out - 1) / (in - 1) is whole on both axes (variants.py names probe variant linear_sizes_31_align_corners).
- `laysig`: a YuNet-style level, Conv -> Reshape [1, C, H * W] -> Transpose(0, 2, 1) -> Sigmoid -> output: a CPU
  Reshape on the output by C and rows (motifs.output_keys `:lay`)?
- `stacksum`: parallel Linear branches stacked and summed (Unsqueeze(0) -> Concat axis 0 -> ReduceSum): a CPU
  Transpose after the Concat by branch size (motifs.boundary_sized_key `concat4>reduce@big`)?

Found by the second unseen set (calibration/export_unseen2.py), measured on every family:

- `mqa`: multi-query attention (timm MobileNetV4's Mobile MQA: 4 or 8 query heads against one shared key / value
  head, q @ k^T and softmax @ v broadcast over the heads; 1 head is the control): are the shared operands expanded
  on the CPU (`nodes` key `MatMul4:bcast`)?

    # 1. write the models (the project's venv: onnx)
    python calibration/placement_sweep.py models --out /work/sweep/models
    # 2. build them (nice -n 10, one job)
    python calibration/run_toolkit.py --models /work/sweep/models --target rk3566 --out /work/sweep/rk3566/truth.json
    # 3. tabulate: per case and size, the ONNX nodes with a CPU layer; writes rules/motifs/sweeps/<family>-<dtype>-<v>.yaml
    python calibration/placement_sweep.py table --models /work/sweep/models --truth /work/sweep/rk3566/truth.json

The table's `boundaries` (whether a CPU Reshape / Transpose is added after an op class feeding these consumers,
motifs.boundary_key) and `outputs` (motifs.output_key) are read by rknnlint/motifs.py where the whole-build table
has no entry for the key; `motifs` / `sized` the layout runs (with their size class where the sizes disagree),
`nodes` the other ops by type and input rank (a Div with a computed divisor spelled `Div4:t`), `attention` /
`area_attention` the attention roles; `cases` keeps every build's CPU nodes as the evidence. A family's int8 table
(`--dtype int8` builds of every case) answers its int8 checks, its float16 table fp16 ones.

A few cases measured with a version that has no whole sweep for the family (2.3.2 on rk3576): `table --partial --merge
motifs --keys REGEX` writes (or adds to) a table marked `partial: true` holding only those sections and keys, and
rknnlint reads them over the full table the version read without them (every other key borrowed): the nearest
version's in the dtype, or the same version's other dtype where only that is full (rk3588 int8 2.3.x: the int8
`sqrt`, `div2`, `bn1d`, `crnn`, `zero` builds over the float16 2.3.2 sweep).

Where the small models and the family's whole-build table measured the same motif key apart (the whole builds' one
model ran it in a context the key does not spell), `table --merge sized --sized --keys REGEX` adds the sweep's runs
under their size-classed keys (motifs.sized_key: the leading dim, 1 or more, and each dim's alignment), which rknnlint
reads before the plain key: what the small models measured holds at their sizes, the whole builds elsewhere.

A few cases measured on a family after its whole sweep: `models --case zero` writes only that case's models, and
`table --merge zero_weight` (repeatable) merges only the named sections into the family's existing table (its other
sections and keys unchanged, the builds added to `cases`, the commands to `commands`).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OPSET = 13


class G:
    """A tiny graph builder: named nodes (the layer table maps CPU layers back to them by name)."""

    def __init__(self, seed: int) -> None:
        from onnx import helper

        self.h = helper
        self.nodes: list[Any] = []
        self.inits: list[Any] = []
        self.rng = np.random.default_rng(seed)
        self.n = 0

    def const(self, arr: np.ndarray, name: str | None = None) -> str:
        from onnx import numpy_helper

        self.n += 1
        name = name or f"c{self.n}"
        self.inits.append(numpy_helper.from_array(arr, name))
        return name

    def w(self, *shape: int) -> str:
        return self.const(self.rng.normal(0, 0.2, size=shape).astype(np.float32))

    def ints(self, *v: int) -> str:
        return self.const(np.array(v, np.int64))

    def op(self, op: str, name: str, inputs: list[str], **attrs: Any) -> str:
        self.nodes.append(self.h.make_node(op, inputs, [name + "_y"], name=name, **attrs))
        return name + "_y"

    def model(self, x: str, xshape: list[int], y: str, opset: int = OPSET,
              extra: tuple[tuple[str, int, list[int]], ...] = ()):
        """The model reading `x` (float, `xshape`) and the `extra` inputs (name, ONNX element type, shape), making
        `y`."""
        from onnx import TensorProto

        ins = [self.h.make_tensor_value_info(x, TensorProto.FLOAT, xshape)]
        ins += [self.h.make_tensor_value_info(n, t, s) for n, t, s in extra]
        g = self.h.make_graph(self.nodes, "sweep", ins,
                              [self.h.make_tensor_value_info(y, TensorProto.FLOAT, None)], self.inits)
        m = self.h.make_model(g, opset_imports=[self.h.make_opsetid("", opset)])
        m.ir_version = 8
        import onnx

        m.graph.ClearField("output")  # the output with its shape (the toolkit wants one): inferred, then declared
        m.graph.output.append(self.h.make_empty_tensor_value_info(y))
        m.graph.output[0].CopyFrom(onnx.shape_inference.infer_shapes(m, strict_mode=True).graph.output[0])
        return m


def conv(g: G, name: str, x: str, cin: int, cout: int, k: int = 3) -> str:
    return g.op("Conv", name, [x, g.w(cout, cin, k, k), g.w(cout)], kernel_shape=[k, k], pads=[k // 2] * 4)


def case_inorm(c: int, hw: int, front: str) -> tuple[Any, dict[str, str]]:
    g = G(c * hw)
    x = conv(g, "pre", "x", 3, c)
    h = conv(g, "front", x, c, c) if front == "conv" else g.op("Add", "front", [x, g.w(1, c, 1, 1)])
    h = g.op("InstanceNormalization", "inorm", [h, g.w(c), g.w(c)], epsilon=1e-5)
    h = g.op("Relu", "act", [h])
    y = conv(g, "post", h, c, c)
    return g.model("x", [1, 3, hw, hw], y), {"front": front}


def case_gn1(c: int, hw: int) -> tuple[Any, dict[str, Any]]:
    """GroupNorm with one group as timm exports it: Reshape [1, 1, C*H*W] -> InstanceNormalization -> Reshape back
    -> Mul(gamma) -> Add(beta), between Convs."""
    g = G(c + hw)
    x = conv(g, "pre", "x", 3, c)
    h = g.op("Reshape", "gn_in", [x, g.ints(1, 1, c * hw * hw)])
    h = g.op("InstanceNormalization", "inorm", [h, g.const(np.ones(1, np.float32)), g.const(np.zeros(1, np.float32))],
             epsilon=1e-5)
    h = g.op("Reshape", "gn_out", [h, g.ints(1, c, hw, hw)])
    h = g.op("Mul", "gamma", [h, g.w(c, 1, 1)])
    h = g.op("Add", "beta", [h, g.w(c, 1, 1)])
    y = conv(g, "post", h, c, c)
    return g.model("x", [1, 3, hw, hw], y), {}


def case_gn1s(c: int, h: int, w: int, front: str = "conv", shaped: bool = True) -> tuple[Any, dict[str, Any]]:
    """`gn1` as timm's CPUBone writes it (unseen set 7): the Reshape back to the map takes its target from Shape of
    the map in front (`shaped`), and the block sits behind a Conv or behind a residual Add (`front`), on [C, H, W]."""
    g = G(c + h * 7 + w)
    x = conv(g, "pre", "x", 3, c)
    if front == "add":
        x = g.op("Add", "res", [x, conv(g, "pre2", x, c, c)])
    r = g.op("Reshape", "gn_in", [x, g.ints(1, 1, c * h * w)])
    r = g.op("InstanceNormalization", "inorm", [r, g.const(np.ones(1, np.float32)), g.const(np.zeros(1, np.float32))],
             epsilon=1e-5)
    target = g.op("Shape", "gn_shape", [x]) if shaped else g.ints(1, c, h, w)
    r = g.op("Reshape", "gn_out", [r, target])
    r = g.op("Mul", "gamma", [r, g.w(c, 1, 1)])
    r = g.op("Add", "beta", [r, g.w(c, 1, 1)])
    y = conv(g, "post", r, c, c)
    m = g.model("x", [1, 3, h, w], y)
    m.graph.output[0].CopyFrom(g.h.make_tensor_value_info(y, 1, [1, c, h, w]))  # inference leaves the Shape-made dims
    return m, {}


def case_gnorm(c: int, groups: int, hw: int, front: str = "conv", zero: str = "") -> tuple[Any, dict[str, Any]]:
    """GroupNorm(groups, C) between Convs as TorchScript (and torch dynamo's decomposition at opset 18) writes it on
    [1, C, hw, hw]: Reshape [1, G, -1] -> InstanceNormalization (unit scale, zero bias) -> Reshape back ->
    Mul(gamma) -> Add(beta); behind a Conv or a residual Add read twice (`front` add: the Add also feeds the next
    block, as ResNet-v2's pre-activation). `zero`: gamma all zero, stored (`init`) or read through an Identity
    (`identity`, TorchScript's shared weights), as timm's zero_init_last leaves the last norm of every block: is the
    branch dropped?"""
    g = G(c * 3 + groups + hw)
    x = conv(g, "pre", "x", 3, c)
    if front == "add":
        x = g.op("Add", "res", [x, conv(g, "pre2", x, c, c)])
    gamma = g.const(np.zeros((c, 1, 1), np.float32)) if zero else g.w(c, 1, 1)
    if zero == "identity":
        gamma = g.op("Identity", "gamma_id", [gamma])
    r = g.op("Reshape", "gn_in", [x, g.ints(1, groups, -1)])
    r = g.op("InstanceNormalization", "inorm", [r, g.const(np.ones(groups, np.float32)),
                                                g.const(np.zeros(groups, np.float32))], epsilon=1e-5)
    r = g.op("Reshape", "gn_out", [r, g.ints(1, c, hw, hw)])
    r = g.op("Mul", "gamma", [r, gamma])
    r = g.op("Add", "beta", [r, g.w(c, 1, 1)])
    r = g.op("Relu", "act", [r])
    y = conv(g, "post", r, c, c)
    if front == "add" or zero:
        y = g.op("Add", "out", [y, x])  # the block's input read again behind the norm (the shortcut)
    return g.model("x", [1, 3, hw, hw], y), {}


def case_chshuf(c: int, hw: int, tail: str) -> tuple[Any, dict[str, Any]]:
    """ShuffleNetV2's channel shuffle at the end of a block (FastestDet, unseen set 14): the map's halves Sliced, one
    through a 1x1 Conv, Concat -> Reshape [1, 2, C/2, H, W] -> Transpose(0, 2, 1, 3, 4) -> Reshape [1, C, H, W], read
    by `tail`: the next block's Slices (`slice`), a Conv (`conv`), a stride-2 Conv and a 2 x 2 AveragePool (`convpool`,
    the next stage), a Resize (`resize`), a Concat and a Conv (`concat`, a detector's neck). Is the Transpose on the CPU
    where the shuffle ends a stage?"""
    g = G(c * 7 + hw + len(tail))
    x = conv(g, "pre", "x", 3, c)
    a = g.op("Slice", "half_a", [x, g.ints(0), g.ints(c // 2), g.ints(1)])
    b = g.op("Slice", "half_b", [x, g.ints(c // 2), g.ints(c), g.ints(1)])
    b = g.op("Relu", "branch_act", [conv(g, "branch", b, c // 2, c // 2, 1)])
    h = g.op("Concat", "cat", [a, b], axis=1)
    h = g.op("Reshape", "shuf_in", [h, g.ints(1, 2, c // 2, hw, hw)])
    h = g.op("Transpose", "shuf", [h], perm=[0, 2, 1, 3, 4])
    h = g.op("Reshape", "shuf_out", [h, g.ints(1, c, hw, hw)])
    if tail == "slice":
        a2 = g.op("Slice", "next_a", [h, g.ints(0), g.ints(c // 2), g.ints(1)])
        b2 = g.op("Slice", "next_b", [h, g.ints(c // 2), g.ints(c), g.ints(1)])
        y = g.op("Concat", "next_cat", [a2, conv(g, "next_branch", b2, c // 2, c // 2, 1)], axis=1)
    elif tail == "conv":
        y = conv(g, "post", h, c, c)
    elif tail == "convpool":
        down = g.op("Conv", "down", [h, g.w(c, c, 3, 3), g.w(c)], kernel_shape=[3, 3], pads=[1] * 4, strides=[2, 2])
        y = g.op("Add", "sum", [down, g.op("AveragePool", "pool", [h], kernel_shape=[2, 2], strides=[2, 2])])
    elif tail == "resize":
        y = conv(g, "post", g.op("Resize", "up", [h, "", g.const(np.array([1, 1, 2, 2], np.float32))],
                                 mode="nearest"), c, c)
    else:
        y = conv(g, "post", g.op("Concat", "neck", [h, conv(g, "side", h, c, c)], axis=1), 2 * c, c)
    return g.model("x", [1, 3, hw, hw], y), {"tail": tail}


def case_flowwarp(h: int, w: int, src: str) -> tuple[Any, dict[str, Any]]:
    """RIFE's backward warp (unseen set 14): a 2-channel flow Sliced off a Conv's 4-channel output (`slice`, or off the
    Add of two such outputs, `add`), Div by a constant [1, 2, 1, 1] -> Transpose(0, 2, 3, 1) -> Add of a constant base
    grid [1, H, W, 2] -> GridSample of the image -> Conv. Is the flow's Transpose on the CPU beside the CPU GridSample?"""
    g = G(h * 3 + w + len(src))
    flow = conv(g, "flow", "x", 3, 4)
    if src == "add":
        flow = g.op("Add", "flow_sum", [flow, conv(g, "flow2", "x", 3, 4)])
    f = g.op("Slice", "flow_xy", [flow, g.ints(0), g.ints(2), g.ints(1)])
    f = g.op("Div", "norm", [f, g.const(np.array([w / 2, h / 2], np.float32).reshape(1, 2, 1, 1))])
    f = g.op("Transpose", "flow_tp", [f], perm=[0, 2, 3, 1])
    gy, gx = np.meshgrid(np.linspace(-1, 1, h, dtype=np.float32), np.linspace(-1, 1, w, dtype=np.float32),
                         indexing="ij")
    grid = g.op("Add", "grid", [g.const(np.stack([gx, gy], -1)[None].astype(np.float32)), f])
    warped = g.op("GridSample", "warp", ["x", grid], mode="bilinear", padding_mode="border", align_corners=1)
    return g.model("x", [1, 3, h, w], conv(g, "post", warped, 3, 8), opset=16), {"src": src}


def case_shapeonly(data_use: bool, n: int = 1200, c: int = 64) -> tuple[Any, dict[str, Any]]:
    """PointPillars' scatter indices (unseen set 7): an int64 graph input [N] -> Unsqueeze -> Add of a constant
    [C, 1], whose result only a Shape reads to size an Expand of the Unsqueeze (-> Cast -> added to a float input);
    `data_use`: the Add's result also cast and added into the data. Is the Add on the CPU when only its shape is read?"""
    from onnx import TensorProto

    g = G(n + c)
    u = g.op("Unsqueeze", "unsq", ["coords", g.ints(0)])
    a = g.op("Add", "add", [g.const((np.arange(c) * 1000).reshape(c, 1).astype(np.int64)), u])
    e = g.op("Expand", "expand", [u, g.op("Shape", "shape", [a])])
    y = g.op("Add", "sum", ["x", g.op("Cast", "cast", [e], to=1)])
    if data_use:
        y = g.op("Add", "sum2", [y, g.op("Cast", "cast2", [a], to=1)])
    y = g.op("Relu", "relu", [y])
    return g.model("x", [c, n], y, extra=(("coords", TensorProto.INT64, [n]),)), {}


def case_condconv(c: int, k: int, group: int, hw: int = 10) -> tuple[Any, dict[str, Any]]:
    """CondConv (timm efficientnet_cc, unseen set 8): a map's routing weights (GlobalAveragePool -> Gemm to 4 experts ->
    Sigmoid) @ the experts' kernels [4, C * C / group * k * k] -> Reshape to the weight [C, C / group, k, k] of a Conv
    with `group` groups. Does the Reshape laying out the computed weight run on the CPU (rules/<family>.yaml
    computed_dw_weight_cpu)?"""
    g = G(c * k + group)
    f = g.op("Conv", "front", ["x", g.w(c, c, 1, 1)], kernel_shape=[1, 1])
    p = g.op("Flatten", "flat", [g.op("GlobalAveragePool", "gap", [f])], axis=1)
    r = g.op("Sigmoid", "route", [g.op("Gemm", "router", [p, g.w(4, c), g.w(4)], transB=1)])
    wflat = g.op("MatMul", "mix", [r, g.w(4, c * (c // group) * k * k)])
    w = g.op("Reshape", "wrs", [wflat, g.ints(c, c // group, k, k)])
    y = g.op("Conv", "cc", [f, w], group=group, kernel_shape=[k, k], pads=[k // 2] * 4)
    return g.model("x", [1, c, hw, hw], y), {}


def case_relpos(b: int, h: int, w: int, d: int, rank: int = 5) -> tuple[Any, dict[str, Any]]:
    """SAM's decomposed relative positions (timm samvit, unseen set 8): q [B, h, w, d] -> Einsum with the height and
    width tables -> [B, h, w, h] and [B, h, w, w], Unsqueezed to [B, h, w, h, 1] and [B, h, w, 1, w] and Added, an
    outer sum whose operands broadcast each other -> Reshape [B, h * w, h * w] -> added to q @ k^T -> Softmax -> @ v.
    `rank` 4 writes the same sum over [B, h * w, h, 1] + [B, h * w, 1, w]. Is the Add (either rank) on the CPU?"""
    g = G(b * h * w + d + rank)
    q = g.op("Add", "front", ["x", g.w(d)])
    q4 = g.op("Reshape", "q_rs", [q, g.ints(b, h, w, d)])
    eh = g.op("Einsum", "rel_h", [q4, g.w(h, h, d)], equation="bhwc,hkc->bhwk")
    ew = g.op("Einsum", "rel_w", [q4, g.w(w, w, d)], equation="bhwc,wkc->bhwk")
    if rank == 4:
        eh = g.op("Reshape", "rh_rs", [eh, g.ints(b, h * w, h)])
        ew = g.op("Reshape", "rw_rs", [ew, g.ints(b, h * w, w)])
        uh = g.op("Unsqueeze", "uh", [eh, g.ints(3)])
        uw = g.op("Unsqueeze", "uw", [ew, g.ints(2)])
    else:
        uh = g.op("Unsqueeze", "uh", [eh, g.ints(4)])
        uw = g.op("Unsqueeze", "uw", [ew, g.ints(3)])
    rel = g.op("Add", "rel", [uh, uw])
    rel = g.op("Reshape", "rel_rs", [rel, g.ints(b, h * w, h * w)])
    k, v = g.op("Add", "k", ["x", g.w(d)]), g.op("Add", "v", ["x", g.w(d)])
    a = g.op("MatMul", "qk", [q, g.op("Transpose", "kt", [k], perm=[0, 2, 1])])
    a = g.op("Softmax", "softmax", [g.op("Add", "bias", [a, rel])], axis=-1)
    y = g.op("Add", "back", [g.op("MatMul", "av", [a, v]), q])
    return g.model("x", [b, h * w, d], y, opset=17), {}


def case_mvitpool(heads: int, d: int, hw: int, q_stride: int, kv_stride: int,
                  scatter: bool = True) -> tuple[Any, dict[str, Any]]:
    """timm MViTv2's pooling attention as torch.onnx writes it (unseen set 8's MViTv2-T): a Conv map's tokens -> LayerNorm
    -> qkv Linear -> Reshape [1, N, 3, h, d] -> Transpose(2, 0, 3, 1, 4) -> Split -> Squeeze q, k, v; each Reshape
    [h, H, W, d] -> Transpose(0, 3, 1, 2) -> depthwise 3x3 Conv (q stride, kv stride) -> Reshape [1, h, d, N'] ->
    Transpose(0, 1, 3, 2) -> LayerNorm; the decomposed relative positions of the pooled q: Reshape [1, h, H', W', d] ->
    Einsum with the height and width tables, Unsqueezed at -1 and -2 and added to the logits Reshaped to [1, h, H', W',
    Hk, Wk], Reshaped back (`scatter`: then Expand -> Reshape -> written over the logits by a ScatterND, as timm's
    `attn[:, :, sp_idx:, sp_idx:] = ...` exports) -> Softmax -> @ v -> + q (residual pooling) -> Transpose(0, 2, 1, 3)
    -> Reshape [1, N', C] -> proj Linear -> Conv. Which of the pooling's and the relative positions' layout nodes run
    on the CPU?"""
    g = G(heads * 1000 + d * 10 + hw + q_stride * 7 + kv_stride)
    c, n = heads * d, hw * hw
    x = conv(g, "pre", "x", 3, c)
    t = g.op("Transpose", "tok_tp", [g.op("Reshape", "tok_rs", [x, g.ints(1, c, n)])], perm=[0, 2, 1])
    t = _ln(g, "norm1", t, c)
    qkv = g.op("Add", "qkv_b", [g.w(3 * c), g.op("MatMul", "qkv", [t, g.w(c, 3 * c)])])
    qkv = g.op("Transpose", "qkv_tp", [g.op("Reshape", "qkv_rs", [qkv, g.ints(1, n, 3, heads, d)])],
               perm=[2, 0, 3, 1, 4])
    g.nodes.append(g.h.make_node("Split", [qkv, g.ints(1, 1, 1)], ["split_q", "split_k", "split_v"], name="split",
                                 axis=0))
    side = {}
    pooled = {}
    for r, stride in (("q", q_stride), ("k", kv_stride), ("v", kv_stride)):
        s = g.op("Squeeze", f"sq_{r}", [f"split_{r}", g.ints(0)])
        s = g.op("Reshape", f"pool_rs_{r}", [s, g.ints(-1, hw, hw, d)])
        s = g.op("Transpose", f"pool_tp_{r}", [s], perm=[0, 3, 1, 2])
        s = g.op("Conv", f"pool_{r}", [s, g.w(d, 1, 3, 3)], kernel_shape=[3, 3], pads=[1] * 4, strides=[stride] * 2,
                 group=d)
        side[r] = (hw + stride - 1) // stride
        m = side[r] * side[r]
        s = g.op("Reshape", f"unpool_rs_{r}", [s, g.ints(-1, heads, d, m)])
        s = g.op("Transpose", f"unpool_tp_{r}", [s], perm=[0, 1, 3, 2])
        pooled[r] = _ln(g, f"norm_{r}", s, d)
    hq, hk = side["q"], side["k"]
    q = pooled["q"]
    a = g.op("MatMul", "qk", [g.op("Mul", "scale", [q, g.const(np.array(d ** -0.5, np.float32))]),
                              g.op("Transpose", "kt", [pooled["k"]], perm=[0, 1, 3, 2])])
    q5 = g.op("Reshape", "rel_q_rs", [q, g.ints(1, heads, hq, hq, d)])
    rh = g.op("Einsum", "rel_h", [q5, g.w(hq, hk, d)], equation="byhwc,hkc->byhwk")
    rw = g.op("Einsum", "rel_w", [q5, g.w(hq, hk, d)], equation="byhwc,wkc->byhwk")
    r = g.op("Reshape", "attn6_rs", [a, g.ints(1, heads, hq, hq, hk, hk)])
    r = g.op("Add", "add_h", [r, g.op("Unsqueeze", "uh", [rh, g.ints(-1)])])
    r = g.op("Add", "add_w", [r, g.op("Unsqueeze", "uw", [rw, g.ints(-2)])])
    dims = (1, heads, hq * hq, hk * hk)
    r = g.op("Reshape", "attn_rs", [r, g.ints(*dims)])
    if scatter:
        r = g.op("Reshape", "upd_rs", [g.op("Expand", "expand", [r, g.ints(*dims)]), g.ints(*dims)])
        idx = np.stack(np.meshgrid(*(np.arange(n) for n in dims), indexing="ij"), axis=-1).astype(np.int64)
        a = g.op("ScatterND", "scatter", [a, g.const(idx), r])
    else:
        a = r
    a = g.op("Softmax", "softmax", [a], axis=-1)
    o = g.op("Add", "res_q", [g.op("MatMul", "av", [a, pooled["v"]]), q])
    o = g.op("Reshape", "out_rs", [g.op("Transpose", "out_tp", [o], perm=[0, 2, 1, 3]), g.ints(1, hq * hq, c)])
    o = g.op("Add", "proj_b", [g.w(c), g.op("MatMul", "proj", [o, g.w(c, c)])])
    o = g.op("Reshape", "map_rs", [g.op("Transpose", "map_tp", [o], perm=[0, 2, 1]), g.ints(1, c, hq, hq)])
    y = conv(g, "post", o, c, c)
    return g.model("x", [1, 3, hw, hw], y, opset=17), {}


def case_lsa(hw: int, win: int, c: int, heads: int) -> tuple[Any, dict[str, Any]]:
    """timm Twins-SVT's locally-grouped attention as torch.onnx writes it (unseen set 10's Twins-SVT-S): a Conv map ->
    Reshape [1, C, H * W] -> Transpose to tokens -> LayerNorm -> LayerNorm -> Reshape [1, H, W, C] -> window grid
    (Reshape [1, H/w, w, W/w, w, C] -> Transpose(0, 1, 3, 2, 4, 5)) -> qkv Linear over that rank-6 tensor -> Reshape
    [1, G, w * w, 3, h, d] -> Transpose(3, 0, 1, 4, 2, 5) -> Split -> Squeeze q, k, v (rank 5: the window grid stays
    an axis); q * sqrt(scale), k^T * sqrt(scale) (F.scaled_dot_product_attention), Softmax, @ v -> Transpose(0, 1, 3,
    2, 4) -> Reshape [1, H/w, W/w, w, w, C] -> Transpose(0, 1, 3, 2, 4, 5) -> Reshape back to the map and to tokens ->
    proj Linear -> + the tokens -> Transpose / Reshape back to the map -> Conv. Which of its nodes run on the CPU, by
    the number of windows G?"""
    g = G(hw * 1000 + win * 10 + c + heads)
    d, n, s = c // heads, win * win, hw // win
    x = conv(g, "pre", "x", 3, c)
    t = g.op("Transpose", "tok_tp", [g.op("Reshape", "tok_rs", [x, g.ints(1, c, hw * hw)])], perm=[0, 2, 1])
    t = _ln(g, "pnorm", t, c)
    h = _ln(g, "norm1", t, c)
    h = g.op("Reshape", "map_rs", [h, g.ints(1, hw, hw, c)])
    h = g.op("Reshape", "part_rs", [h, g.ints(1, s, win, s, win, c)])
    h = g.op("Transpose", "part_tp", [h], perm=[0, 1, 3, 2, 4, 5])
    h = g.op("Add", "qkv_add", [g.w(3 * c), g.op("MatMul", "qkv_mm", [h, g.w(c, 3 * c)])])
    h = g.op("Reshape", "qkv_rs", [h, g.ints(1, s * s, n, 3, heads, d)])
    h = g.op("Transpose", "qkv_tp", [h], perm=[3, 0, 1, 4, 2, 5])
    parts = [f"split_{i}" for i in range(3)]
    g.nodes.append(g.h.make_node("Split", [h, g.ints(1, 1, 1)], parts, name="split", axis=0))
    q, k, v = (g.op("Squeeze", f"sq_{x_}", [p_, g.ints(0)]) for x_, p_ in zip("qkv", parts))
    sc = g.const(np.array([d ** -0.25], np.float32))
    q = g.op("Mul", "q_scale", [q, sc])
    k = g.op("Mul", "k_scale", [g.op("Transpose", "k_tp", [k], perm=[0, 1, 2, 4, 3]), sc])
    a = g.op("Softmax", "softmax", [g.op("MatMul", "qk", [q, k])], axis=-1)
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "av", [a, v])], perm=[0, 1, 3, 2, 4])
    o = g.op("Reshape", "o_rs", [o, g.ints(1, s, s, win, win, c)])
    o = g.op("Transpose", "unpart_tp", [o], perm=[0, 1, 3, 2, 4, 5])
    o = g.op("Reshape", "unmap_rs", [o, g.ints(1, hw, hw, c)])
    o = g.op("Reshape", "untok_rs", [o, g.ints(1, hw * hw, c)])
    o = g.op("Add", "proj_add", [g.w(c), g.op("MatMul", "proj_mm", [o, g.w(c, c)])])
    o = g.op("Add", "res", [t, o])
    o = g.op("Reshape", "back_rs", [g.op("Transpose", "back_tp", [o], perm=[0, 2, 1]), g.ints(1, c, hw, hw)])
    y = conv(g, "post", o, c, c)
    return g.model("x", [1, 3, hw, hw], y, opset=17), {}


def _rel_shift(g: G, s: str, heads: int, n: int, m: int) -> str:
    """Transformer-XL's relative shift of position scores [1, h, N, M]: Pad a zero column in front of the last axis ->
    Reshape [1, h, M + 1, N] -> Slice off the first row -> Reshape [1, h, N, M] -> Slice the first N columns."""
    s = g.op("Pad", "shift_pad", [s, g.ints(0, 0, 0, 1, 0, 0, 0, 0)], mode="constant")
    s = g.op("Reshape", "shift_rs", [s, g.ints(1, heads, m + 1, n)])
    s = g.op("Slice", "shift_drop", [s, g.ints(1), g.ints(2 ** 62), g.ints(2), g.ints(1)])
    s = g.op("Reshape", "shift_back", [s, g.ints(1, heads, n, m)])
    return g.op("Slice", "shift_take", [s, g.ints(0), g.ints(n), g.ints(3), g.ints(1)])


def case_relshift(heads: int, n: int, m: int) -> tuple[Any, dict[str, Any]]:
    """The relative-position shift of Transformer-XL-style attention as Hugging Face's Wav2Vec2-Conformer writes it
    (unseen set 18): position scores [1, h, N, M] (here a Conv map's; M = 2N - 1) -> Pad one zero column in front of
    the last axis -> Reshape [1, h, M + 1, N] -> Slice off the first row -> Reshape [1, h, N, M] -> Slice the first N
    columns -> Add to the content scores -> Softmax. Do the Pad and the two Reshapes that reinterpret the rows run on
    the CPU, by h, N and M?"""
    g = G(heads * 1000 + n * 7 + m)
    s = conv(g, "pre", "x", 3, heads)
    r = _rel_shift(g, s, heads, n, m)
    c = g.op("Slice", "content", [s, g.ints(0), g.ints(n), g.ints(3), g.ints(1)])
    y = g.op("Softmax", "attn_sm", [g.op("Add", "scores", [c, r])], axis=-1)
    return g.model("x", [1, 3, n, m], conv(g, "post", y, heads, heads, k=1)), {}


def case_relshift_mm(heads: int, n: int, d: int = 64) -> tuple[Any, dict[str, Any]]:
    """Wav2Vec2-Conformer's relative-position self-attention as torch.onnx writes it (unseen set 18), the form the
    export has around the shift: tokens [1, N, C] -> q / k / v Linears -> Reshape [1, N, h, d] -> Transpose; the
    position scores (q + bias_u) @ p^T, p a constant [1, M, C] (M = 2N - 1) through linear_pos, Reshape [1, M, h, d],
    Transpose(0, 2, 3, 1) -> Pad one zero column in front of the last axis -> Reshape [1, h, M + 1, N] -> Slice off
    the first row -> Reshape [1, h, N, M] -> Slice the first N columns -> Mul by the scale -> Add to the content scores
    (q + bias_v) @ k^T -> Softmax -> @ v -> Transpose -> Reshape [1, N, C] -> linear_out. Which of the Pad and the two
    Reshapes that reinterpret the rows run on the CPU, by h, N and d?"""
    g = G(heads * 1000 + n * 7 + d)
    c, m = heads * d, 2 * n - 1

    def lin(name: str, t: str, cin: int, cout: int) -> str:
        return g.op("Add", name + "_add", [g.op("MatMul", name, [t, g.w(cin, cout)]), g.w(cout)])

    def heads_of(name: str, t: str, rows: int, perm: list[int]) -> str:
        return g.op("Transpose", name + "_tp", [g.op("Reshape", name + "_rs", [t, g.ints(1, rows, heads, d)])],
                    perm=perm)

    x = g.op("Add", "res", ["x", g.w(n, c)])
    q = heads_of("q", lin("q_mm", x, c, c), n, [0, 2, 1, 3])
    k = heads_of("k", lin("k_mm", x, c, c), n, [0, 2, 3, 1])
    v = heads_of("v", lin("v_mm", x, c, c), n, [0, 2, 1, 3])
    p = g.op("MatMul", "pos_mm", [g.const(g.rng.normal(0, 1, (1, m, c)).astype(np.float32)), g.w(c, c)])
    p = heads_of("pos", p, m, [0, 2, 3, 1])
    s = g.op("MatMul", "pos_scores", [g.op("Add", "bias_u", [q, g.w(heads, 1, d)]), p])
    s = _rel_shift(g, s, heads, n, m)
    s = g.op("Mul", "pos_scale", [s, g.const(np.array(d ** -0.5, np.float32))])
    a = g.op("MatMul", "content", [g.op("Add", "bias_v", [q, g.w(heads, 1, d)]), k])
    a = g.op("Softmax", "attn_sm", [g.op("Add", "scores", [g.op("Mul", "c_scale", [a, g.const(
        np.array(d ** -0.5, np.float32))]), s])], axis=-1)
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "av", [a, v])], perm=[0, 2, 1, 3])
    o = lin("out_mm", g.op("Reshape", "o_rs", [o, g.ints(1, n, c)]), c, c)
    return g.model("x", [1, n, c], g.op("Add", "out_res", [o, x]), opset=17), {}


def case_fshift(heads: int, n: int, m: int, d: int = 64, front: str = "matmul") -> tuple[Any, dict[str, Any]]:
    """Hugging Face Funnel Transformer's relative shift (unseen set 19, no Pad): tokens [1, N, C] -> q / k / v Linears
    -> heads; position scores q @ P [1, h, N, M] (P a constant [1, h, d, M]: Funnel's M = 2N at the first block, 2N - 1
    after a pooling) -> Reshape [1, h, M, N] -> Slice off the first row -> Reshape [1, h, N, M - 1] -> Slice the first
    N columns -> Mul by the scale -> Add to the content scores q @ k^T -> Softmax -> @ v -> Transpose -> Reshape ->
    out Linear. Which of the two Reshapes run on the CPU, by h, N and M (Funnel-base: the second at every block with
    2.3.2 on rk3588, [1, 6, 255, 128] -> [1, 6, 128, 255], 64 x 254, 32 x 126; on the NPU with 2.3.0)? `front`
    "einsum": the position scores as Funnel writes them, Einsum('binh,jnh->bnij') of the heads [1, N, h, d] (before
    their Transpose) and the positions [M, h, d]."""
    g = G(heads * 1000 + n * 7 + m + d)
    c = heads * d

    def lin(name: str, t: str) -> str:
        return g.op("Add", name + "_add", [g.op("MatMul", name, [t, g.w(c, c)]), g.w(c)])

    def heads_of(name: str, t: str, perm: list[int]) -> str:
        return g.op("Transpose", name + "_tp", [g.op("Reshape", name + "_rs", [t, g.ints(1, n, heads, d)])], perm=perm)

    x = g.op("Add", "res", ["x", g.w(n, c)])
    q = heads_of("q", lin("q_mm", x), [0, 2, 1, 3])
    k = heads_of("k", lin("k_mm", x), [0, 2, 3, 1])
    v = heads_of("v", lin("v_mm", x), [0, 2, 1, 3])
    if front == "einsum":
        qh = g.op("Reshape", "qe_rs", [lin("qe_mm", x), g.ints(1, n, heads, d)])
        s = g.op("Einsum", "pos_scores", [qh, g.const(g.rng.normal(0, 1, (m, heads, d)).astype(np.float32))],
                 equation="binh,jnh->bnij")
    else:
        s = g.op("MatMul", "pos_scores", [q, g.const(g.rng.normal(0, 1, (1, heads, d, m)).astype(np.float32))])
    s = g.op("Reshape", "shift_rs", [s, g.ints(1, heads, m, n)])
    s = g.op("Slice", "shift_drop", [s, g.ints(1), g.ints(2 ** 62), g.ints(2), g.ints(1)])
    s = g.op("Reshape", "shift_back", [s, g.ints(1, heads, n, m - 1)])
    s = g.op("Slice", "shift_take", [s, g.ints(0), g.ints(n), g.ints(3), g.ints(1)])
    s = g.op("Mul", "pos_scale", [s, g.const(np.array(d ** -0.5, np.float32))])
    a = g.op("Softmax", "attn_sm", [g.op("Add", "scores", [g.op("MatMul", "content", [q, k]), s])], axis=-1)
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "av", [a, v])], perm=[0, 2, 1, 3])
    o = lin("out_mm", g.op("Reshape", "o_rs", [o, g.ints(1, n, c)]))
    return g.model("x", [1, n, c], g.op("Add", "out_res", [o, x]), opset=14), {}


def case_bcsub(k: int, h: int, w: int, src: str = "cpu", form: str = "r3") -> tuple[Any, dict[str, Any]]:
    """A MoveNet-style decode's distance grid (unseen set 18): per-keypoint coordinates t [K, 1, 1] subtracted from a
    constant grid [H, W] (yy - t: each operand broadcast to [K, H, W]) -> Pow 2 -> weighted by the heatmap -> a 1x1
    Conv. `src`: t from the heatmap's ArgMax (int64, Cast, Div by W: CPU ops, as the export) or from its ReduceMax
    (an NPU op). `form`: "r3" Sub(grid [H, W], t [K, 1, 1]); "r3r" the operands swapped; "r4" rank 4 (grid [1, 1, H,
    W], t [1, K, 1, 1]); "full" the grid a constant [K, H, W] (one operand of the output's shape); "add" an Add of the
    r3 operands; "b0", "b1w", "b1c", "scalar": a constant [1, K, H, W] minus the map, its max over W, over C, and 1
    minus the map. Which Subs of a computed tensor from a constant run on the CPU?"""
    g = G(k * 1000 + h * 10 + w + len(form) * 7 + len(src))
    hm = conv(g, "hm", conv(g, "pre", "x", 3, 16), 16, k)
    if form in ("b0", "b1w", "b1c", "scalar"):
        # the rank-4 controls: a constant [1, K, H, W] minus the map itself (b0), minus its max over W ([1, K, H, 1],
        # b1w) or over the channels ([1, 1, H, W], b1c); a scalar 1 minus the map
        t = hm if form in ("b0", "scalar") else g.op("ReduceMax", "rmax", [hm], axes=[3 if form == "b1w" else 1],
                                                      keepdims=1)
        c = np.array(1.0, np.float32) if form == "scalar" else g.rng.normal(0, 1, (1, k, h, w)).astype(np.float32)
        d = g.op("Pow", "grid_sq", [g.op("Sub", "grid_sub", [g.const(c), t]), g.const(np.array(2.0, np.float32))])
        return g.model("x", [1, 3, h, w], conv(g, "post", g.op("Mul", "weigh", [d, hm]), k, k, k=1)), {}
    if src == "cpu":
        idx = g.op("ArgMax", "amax", [g.op("Reshape", "flat", [hm, g.ints(1, k, h * w)])], axis=2, keepdims=1)
        t = g.op("Div", "row", [g.op("Cast", "idx_f", [idx], to=1), g.const(np.array(float(w), np.float32))])
    else:
        t = g.op("ReduceMax", "rmax", [hm], axes=[2, 3], keepdims=1)
    t = g.op("Reshape", "t_rs", [t, g.ints(*((1, k, 1, 1) if form == "r4" else (k, 1, 1)))])
    grid = np.repeat(np.arange(h, dtype=np.float32)[:, None], w, 1)
    if form == "r4":
        grid = grid[None, None]
    elif form == "full":
        grid = np.repeat(grid[None], k, 0)
    a, b = (t, g.const(grid)) if form == "r3r" else (g.const(grid), t)
    d = g.op("Add" if form == "add" else "Sub", "grid_sub", [a, b])
    d = g.op("Pow", "grid_sq", [d, g.const(np.array(2.0, np.float32))])
    if form != "r4":
        d = g.op("Reshape", "d_rs", [d, g.ints(1, k, h, w)])
    y = conv(g, "post", g.op("Mul", "weigh", [d, hm]), k, k, k=1)
    return g.model("x", [1, 3, h, w], y), {}


def case_dynconv(t: int, k: int, heads: int, d: int = 64) -> tuple[Any, dict[str, Any]]:
    """ConvBERT's dynamic (span-based) convolution as torch.onnx writes it (unseen set 18): tokens [1, T, C] -> the
    kernel Linear to h * k -> Reshape [T * h, k, 1] -> Softmax over the k taps (axis 1) -> the product with the
    unfolded values [T * h, d, k] (a Linear to C * k, Reshape) -> Reshape [1, T, C] -> Linear out. Does the toolkit
    add a CPU Reshape after the kernel Reshape, by T, k and h?"""
    g = G(t * 100 + k * 10 + heads)
    c = heads * d

    def lin(name: str, x: str, cin: int, cout: int) -> str:
        return g.op("Add", name + "_add", [g.op("MatMul", name, [x, g.w(cin, cout)]), g.w(cout)])

    x = g.op("Add", "res", ["x", g.w(t, c)])
    ker = g.op("Reshape", "ker_rs", [lin("ker_mm", x, c, heads * k), g.ints(-1, k, 1)])
    ker = g.op("Softmax", "ker_sm", [ker], axis=1)
    val = g.op("Reshape", "val_rs", [lin("val_mm", x, c, c * k), g.ints(-1, d, k)])
    o = g.op("Reshape", "o_rs", [g.op("MatMul", "dyn", [val, ker]), g.ints(1, t, c)])
    return g.model("x", [1, t, c], g.op("Add", "out_res", [lin("out_mm", o, c, c), x]), opset=14), {}


def case_outscale(n: int, k: int, op: str, hw: int = 0) -> tuple[Any, dict[str, Any]]:
    """A landmark head as BlazePose / MediaPipe hand exports write it (unseen set 17): a 1x1 Conv of a pooled map to
    N * K channels -> Reshape [1, N, K] -> `op` ("Div" by the input size, "Mul" / "Add" by a scalar, "Sigmoid", or ""
    nothing) -> the rank-3 graph output. `hw`: a map's flatten instead, Conv [1, N, hw, hw] -> Reshape [1, N, hw * hw]
    -> op -> output. Which node's name does the output's CPU Reshape take: the output (the op's), or the Reshape in
    front when the op is a constant scale the toolkit folds away?"""
    g = G(n * 100 + k * 10 + hw + len(op))
    x = conv(g, "pre", "x", 3, 16)
    if hw:
        y = g.op("Reshape", "flat", [conv(g, "head", x, 16, n), g.ints(1, n, hw * hw)])
    else:
        y = conv(g, "head", g.op("GlobalAveragePool", "gap", [x]), 16, n * k, k=1)
        y = g.op("Reshape", "flat", [y, g.ints(1, n, k)])
    if op in ("Div", "Mul", "Add"):
        y = g.op(op, "scale", [y, g.const(np.array(224.0 if op == "Div" else 0.5, np.float32))])
    elif op:
        y = g.op(op, "scale", [y])
    return g.model("x", [1, 3, hw or 16, hw or 16], y), {}


def case_dmm(n: int, d: int) -> tuple[Any, dict[str, Any]]:
    """A 3DMM face-alignment head as 3DDFA exports it (unseen set 16): a Gemm to the parameters [1, P] -> Slice the
    pose [1, d * (d + 1)] -> Reshape [1, d, d + 1] -> Slices R [1, d, d] and T [1, d, 1]; Slices of the shape and
    expression coefficients -> Reshape [1, 40, 1] / [1, 10, 1] -> constant-weight MatMuls to [1, n * d, 1] + mean ->
    Reshape [1, n, d] -> Transpose [1, d, n] -> R @ points + T. Which of the two Reshapes of a column vector into a
    rank-3 [1, a, b] run on the CPU, by n and d?"""
    g = G(n * 10 + d)
    pose, shp, exp = d * (d + 1), 40, 10
    x = g.op("Flatten", "flat", [g.op("GlobalAveragePool", "gap", [conv(g, "pre", "x", 3, 16)])], axis=1)
    p = g.op("Gemm", "fc", [x, g.w(pose + shp + exp, 16), g.w(pose + shp + exp)], transB=1)

    def cut(name: str, t: str, a: int, b: int, axis: int) -> str:
        return g.op("Slice", name, [t, g.ints(a), g.ints(b), g.ints(axis)])

    m = g.op("Reshape", "pose_rs", [cut("pose_sl", p, 0, pose, 1), g.ints(1, d, d + 1)])
    r, t = cut("rot_sl", m, 0, d, 2), cut("tr_sl", m, d, d + 1, 2)
    a = g.op("Reshape", "shp_rs", [cut("shp_sl", p, pose, pose + shp, 1), g.ints(1, shp, 1)])
    e = g.op("Reshape", "exp_rs", [cut("exp_sl", p, pose + shp, pose + shp + exp, 1), g.ints(1, exp, 1)])
    v = g.op("Add", "mean_add", [g.w(n * d, 1), g.op("MatMul", "shp_mm", [g.w(n * d, shp), a])])
    v = g.op("Add", "exp_add", [v, g.op("MatMul", "exp_mm", [g.w(n * d, exp), e])])
    v = g.op("Transpose", "pts_tp", [g.op("Reshape", "pts_rs", [v, g.ints(1, n, d)])], perm=[0, 2, 1])
    y = g.op("Add", "tr_add", [g.op("MatMul", "rot_mm", [r, v]), t])
    return g.model("x", [1, 3, 16, 16], y), {}


def case_hfmerge(h: int, w: int, c: int) -> tuple[Any, dict[str, Any]]:
    """Hugging Face Swin's patch merging as torch.onnx writes it (unseen set 18's Donut encoder at 384 x 320): tokens
    [1, H * W, C] (a Conv map's, + a residual Add) -> Reshape [1, H, W, C] -> Slice rows 0::2 / 1::2 (axis 1, step 2)
    -> Slice columns 0::2 / 1::2 of each (axis 2) -> Concat of the four on the last axis [1, H/2, W/2, 4C] -> Reshape
    [1, H*W/4, 4C] -> LayerNormalization -> the reduction Linear to 2C -> a Linear head on the mean. Which of the
    strided Slices (and the Reshape in front) run on the CPU, by H, W and C?"""
    g = G(h * 1000 + w * 10 + c)
    x = conv(g, "pre", "x", 3, c)
    t = g.op("Transpose", "tok_tp", [g.op("Reshape", "tok_rs", [x, g.ints(1, c, h * w)])], perm=[0, 2, 1])
    t = g.op("Add", "tok_add", [t, g.w(1, h * w, c)])
    m = g.op("Reshape", "map_rs", [t, g.ints(1, h, w, c)])
    big = 2 ** 62

    def strided(t_: str, name: str, start: int, axis: int) -> str:
        return g.op("Slice", name, [t_, g.ints(start), g.ints(big), g.ints(axis), g.ints(2)])

    r0, r1 = strided(m, "rows0", 0, 1), strided(m, "rows1", 1, 1)
    parts = [strided(r0, "p00", 0, 2), strided(r1, "p10", 0, 2), strided(r0, "p01", 1, 2), strided(r1, "p11", 1, 2)]
    y = g.op("Reshape", "merge_rs", [g.op("Concat", "merge_cat", parts, axis=-1), g.ints(1, h * w // 4, 4 * c)])
    y = g.op("LayerNormalization", "merge_ln", [y, g.const(np.ones(4 * c, np.float32)), g.w(4 * c)], axis=-1,
             epsilon=1e-5)
    y = g.op("MatMul", "reduction", [y, g.w(4 * c, 2 * c)])
    y = g.op("ReduceMean", "pool", [y], axes=[1], keepdims=0)
    y = g.op("Add", "head_add", [g.w(10), g.op("MatMul", "head_mm", [y, g.w(2 * c, 10)])])
    return g.model("x", [1, 3, h, w], y, opset=17), {}


def case_pmerge(hw: int, c: int, pad: bool = True, norm: str = "written") -> tuple[Any, dict[str, Any]]:
    """timm Swin's patch merging as torch.onnx writes it (unseen set 10's Swin-S3): tokens [1, H * W, C] (a Conv map's,
    + a bias) -> Reshape [1, H, W, C] -> (`pad`: a Pad of zeros, the export's padding to even sides) -> Reshape [1,
    H/2, 2, W/2, 2, C] -> Transpose(0, 1, 3, 4, 2, 5) -> Reshape [1, H/2, W/2, 4C] -> LayerNorm (`norm` "written":
    ReduceMean ... Add, as the Swin-S3 export; "op": LayerNormalization) -> the reduction Linear to 2C without bias
    -> the final LayerNorm over the channels-last map -> ReduceMean over H and W (the head's global pool) -> a Linear
    -> output. Do the rank-6 Reshape / Transpose, the Transpose after the norm into the reduction Linear, the final
    norm's and the pool run on the CPU?"""
    g = G(hw * 100 + c + 3 * pad + 5 * (norm == "op"))
    x = conv(g, "pre", "x", 3, c)
    t = g.op("Transpose", "tok_tp", [g.op("Reshape", "tok_rs", [x, g.ints(1, c, hw * hw)])], perm=[0, 2, 1])
    t = g.op("Add", "tok_add", [t, g.w(c)])
    h = g.op("Reshape", "map_rs", [t, g.ints(1, hw, hw, c)])
    if pad:
        h = g.op("Pad", "pad", [h, g.ints(*[0] * 8)], mode="constant")
    h = g.op("Reshape", "pm_rs", [h, g.ints(1, hw // 2, 2, hw // 2, 2, c)])
    h = g.op("Transpose", "pm_tp", [h], perm=[0, 1, 3, 4, 2, 5])
    h = g.op("Reshape", "pm_flat", [h, g.ints(1, hw // 2, hw // 2, 4 * c)])

    def ln(name: str, t_: str, n: int) -> str:
        scale = g.const(1 + g.rng.normal(0, 0.1, n).astype(np.float32))
        if norm == "written":
            return layer_norm_written(g, name, t_, scale, g.w(n), eps=1e-5)
        return g.op("LayerNormalization", name, [t_, scale, g.w(n)], axis=-1, epsilon=1e-5)

    h = g.op("MatMul", "reduction", [ln("pm_norm", h, 4 * c), g.w(4 * c, 2 * c)])
    h = g.op("ReduceMean", "pool", [ln("final_norm", h, 2 * c)], axes=[1, 2], keepdims=0)
    y = g.op("Add", "head_add", [g.w(10), g.op("MatMul", "head_mm", [h, g.w(2 * c, 10)])])
    return g.model("x", [1, 3, hw, hw], y, opset=17), {}


def case_sepattn(n: int, m: int, heads: int, d: int, mask: bool = False, safe: bool = False
                 ) -> tuple[Any, dict[str, Any]]:
    """An attention with q, k and v each from a Linear of its own, as torch.onnx writes Hugging Face's CLIP text
    encoder and SAM's two-way decoder (unseen set 10): q [1, N, C] -> Reshape [1, N, h, d] -> Transpose(0, 2, 1, 3);
    k [1, M, C] -> Reshape -> Transpose(0, 2, 3, 1); v -> Reshape -> Transpose(0, 2, 1, 3); q @ k^T / sqrt(d) (`mask`:
    + a constant causal mask) -> Softmax -> @ v -> Transpose(0, 2, 1, 3) -> Reshape [1, N, C] -> out Linear -> + the
    queries. `m` != `n`: k and v from a second input of M tokens (SAM's token-to-image and image-to-token cross
    attention). Do v's Reshape and Transpose run on the CPU where M is no multiple of 4 (CLIP's 77 tokens, SAM's
    7)? `safe`: the Softmax as torch's masked scaled_dot_product_attention exports it (unseen set 15's Hugging Face
    Depth-Anything, MobileBERT, DistilBERT): Where(IsNaN(p), 0, p) between the Softmax and the product with v."""
    c = heads * d
    g = G(n * 100 + m + heads * 10 + d + 7 * mask + 11 * safe)
    x = g.op("Add", "front", ["x", g.w(c)])
    src = x if m == n else g.op("Add", "front_kv", ["kv", g.w(c)])

    def lin(p: str, t: str) -> str:
        return g.op("Add", p + "_add", [g.w(c), g.op("MatMul", p + "_mm", [t, g.w(c, c)])])

    q = g.op("Transpose", "q_tp", [g.op("Reshape", "q_rs", [lin("q", x), g.ints(1, n, heads, d)])], perm=[0, 2, 1, 3])
    k = g.op("Transpose", "k_tp", [g.op("Reshape", "k_rs", [lin("k", src), g.ints(1, m, heads, d)])],
             perm=[0, 2, 3, 1])
    v = g.op("Transpose", "v_tp", [g.op("Reshape", "v_rs", [lin("v", src), g.ints(1, m, heads, d)])],
             perm=[0, 2, 1, 3])
    a = g.op("Div", "scale", [g.op("MatMul", "qk", [q, k]), g.const(np.array(d ** 0.5, np.float32))])
    if mask:
        a = g.op("Add", "mask", [a, g.const(np.triu(np.full((n, m), -1e4, np.float32), 1))])
    a = g.op("Softmax", "softmax", [a], axis=-1)
    if safe:
        a = g.op("Where", "safe", [g.op("IsNaN", "isnan", [a]), g.const(np.array(0.0, np.float32)), a])
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "av", [a, v])], perm=[0, 2, 1, 3])
    o = g.op("Reshape", "o_rs", [o, g.ints(1, n, c)])
    y = g.op("Add", "res", [x, lin("o", o)])
    extra = () if m == n else (("kv", 1, [1, m, c]),)
    return g.model("x", [1, n, c], y, opset=14, extra=extra), {}


def case_qkmask(n: int, heads: int, d: int, mask: str = "none", kt: str = "one", qel: bool = False,
                scale: bool = True) -> tuple[Any, dict[str, Any]]:
    """The eager attention of a Hugging Face text encoder (q, k, v each from a Linear of its own, as case_sepattn) by
    how its scores reach the Softmax: q @ k^T (`scale`: / sqrt(d)) + `mask` ("none"; "const": a constant causal
    mask [N, N]; "input": BERT's attention mask, an int64 graph input [1, N] -> Unsqueeze(1) -> Unsqueeze(2) -> Cast
    -> (1 - m) * -1e4, added as [1, 1, 1, N]; "where": as transformers 5 writes an eager attention's mask, the input
    Cast to bool -> Unsqueeze twice -> Expand [1, 1, N, N] -> Where(m, 0, float32 min); "where1e4": -1e4 there;
    "expand": BERT's float mask Expanded to [1, 1, N, N] before (1 - m) * -1e4; "relpos": a per-head bias [1, h, N, N]
    computed from q, q @ P with P constant, as a relative-position term) -> Softmax. `kt` "one": k^T by one Transpose(0, 2, 3, 1) of [1, N, h,
    d]; "two": k's heads Transpose(0, 2, 1, 3) then Transpose(0, 1, 3, 2) (RoFormer, ConvBERT, a hand-written
    attention). `qel`: q and k each through an elementwise Mul and Add by constants after the head split (RoFormer's
    rotary x * cos + rot(x) * sin, reduced to its elementwise form). On rk3566 which of these put a CPU Transpose
    from the product's layout ('<qk>_mm_rs', named after the MatMul) in front of the CPU Softmax? Unseen sets 17-19's
    RoFormer, ConvBERT, SqueezeBERT and the issue-220 reproduction had it; case_sepattn (constant or no mask) did not."""
    from onnx import TensorProto

    c = heads * d
    g = G(n * 100 + heads * 10 + d + 7 * len(mask) + 11 * (kt == "two") + 13 * qel + 17 * scale)
    x = g.op("Add", "front", ["x", g.w(c)])

    def lin(p: str, t: str) -> str:
        return g.op("Add", p + "_add", [g.w(c), g.op("MatMul", p + "_mm", [t, g.w(c, c)])])

    def el(p: str, t: str) -> str:
        return g.op("Add", p + "_rot", [g.op("Mul", p + "_cos", [t, g.w(1, 1, n, d)]), g.w(1, 1, n, d)]) if qel else t

    q = el("q", g.op("Transpose", "q_tp", [g.op("Reshape", "q_rs", [lin("q", x), g.ints(1, n, heads, d)])],
                     perm=[0, 2, 1, 3]))
    k = g.op("Reshape", "k_rs", [lin("k", x), g.ints(1, n, heads, d)])
    if kt == "two":
        k = g.op("Transpose", "k_tp2", [el("k", g.op("Transpose", "k_tp", [k], perm=[0, 2, 1, 3]))], perm=[0, 1, 3, 2])
    else:
        k = g.op("Transpose", "k_tp", [k], perm=[0, 2, 3, 1])
    v = g.op("Transpose", "v_tp", [g.op("Reshape", "v_rs", [lin("v", x), g.ints(1, n, heads, d)])],
             perm=[0, 2, 1, 3])
    a = g.op("MatMul", "qk", [q, k])
    if scale:
        a = g.op("Div", "scale", [a, g.const(np.array(d ** 0.5, np.float32))])
    extra: tuple = ()
    if mask == "const":
        a = g.op("Add", "mask", [a, g.const(np.triu(np.full((n, n), -1e4, np.float32), 1))])
    elif mask == "input":
        m = g.op("Unsqueeze", "m2", [g.op("Unsqueeze", "m1", ["ids", g.ints(1)]), g.ints(2)])
        m = g.op("Cast", "mf", [m], to=TensorProto.FLOAT)
        m = g.op("Mul", "mneg", [g.op("Sub", "minv", [g.const(np.array(1.0, np.float32)), m]),
                                 g.const(np.array(-1e4, np.float32))])
        a = g.op("Add", "mask", [a, m])
        extra = (("ids", TensorProto.INT64, [1, n]),)
    elif mask in ("where", "where1e4"):
        m = g.op("Unsqueeze", "m2", [g.op("Unsqueeze", "m1", [g.op("Cast", "mb", ["ids"], to=TensorProto.BOOL),
                                                                g.ints(1)]), g.ints(2)])
        m = g.op("Expand", "mexp", [m, g.ints(1, 1, n, n)])
        low = np.finfo(np.float32).min if mask == "where" else -1e4
        m = g.op("Where", "mwhere", [m, g.const(np.array(0.0, np.float32)), g.const(np.array(low, np.float32))])
        a = g.op("Add", "mask", [a, m])
        extra = (("ids", TensorProto.INT64, [1, n]),)
    elif mask == "expand":
        m = g.op("Unsqueeze", "m2", [g.op("Unsqueeze", "m1", ["ids", g.ints(1)]), g.ints(2)])
        m = g.op("Cast", "mf", [m], to=TensorProto.FLOAT)
        m = g.op("Expand", "mexp", [m, g.ints(1, 1, n, n)])
        m = g.op("Mul", "mneg", [g.op("Sub", "minv", [g.const(np.array(1.0, np.float32)), m]),
                                 g.const(np.array(-1e4, np.float32))])
        a = g.op("Add", "mask", [a, m])
        extra = (("ids", TensorProto.INT64, [1, n]),)
    elif mask == "relpos":
        a = g.op("Add", "mask", [a, g.op("MatMul", "rel", [q, g.w(d, n)])])
    a = g.op("Softmax", "softmax", [a], axis=-1)
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "av", [a, v])], perm=[0, 2, 1, 3])
    o = g.op("Reshape", "o_rs", [o, g.ints(1, n, c)])
    y = g.op("Add", "res", [x, lin("o", o)])
    return g.model("x", [1, n, c], y, opset=14, extra=extra), {}


def case_evonorm(c: int, hw: int, groups: int = 32, cast: bool = True, square: str = "mul") -> tuple[Any, dict[str, Any]]:
    """timm's EvoNorm-S0 (EvoNorm2dS0, ResNetV2-50d-EvoS) as TorchScript writes it (unseen set 11): x * sigmoid(v * x)
    divided by the group std of x, computed in rank 5: Reshape [1, G, C / G, H, W] -> (`cast`: a Cast to float, the
    export's x.float()) -> ReduceMean over (2, 3, 4) -> Sub -> square (`square` "mul": Mul of the difference by itself,
    "pow": Pow 2) -> ReduceMean -> Add eps -> Sqrt -> (Cast) -> Expand to the group shape -> Reshape [1, C, H, W] ->
    Div -> * weight + bias -> Conv. Which of the rank-5 nodes run on the CPU, by C, H * W?"""
    g = G(c * 1000 + hw + groups + 3 * cast + 7 * (square == "pow"))
    x = conv(g, "pre", "x", 3, c)
    n = g.op("Mul", "act", [x, g.op("Sigmoid", "gate", [g.op("Mul", "vx", [x, g.w(1, c, 1, 1)])])])
    t = g.op("Reshape", "grp_rs", [x, g.ints(1, groups, c // groups, hw, hw)])
    if cast:
        t = g.op("Cast", "cast", [t], to=1)
    d = g.op("Sub", "sub", [t, g.op("ReduceMean", "mean", [t], axes=[2, 3, 4], keepdims=1)])
    sq = g.op("Mul", "sq", [d, d]) if square == "mul" else g.op("Pow", "sq", [d, g.const(np.array(2.0, np.float32))])
    v = g.op("ReduceMean", "var", [sq], axes=[2, 3, 4], keepdims=1)
    s = g.op("Sqrt", "sqrt", [g.op("Add", "eps", [v, g.const(np.array(1e-5, np.float32))])])
    if cast:
        s = g.op("Cast", "cast_back", [s], to=1)
    s = g.op("Expand", "expand", [s, g.ints(1, groups, c // groups, hw, hw)])
    s = g.op("Reshape", "back_rs", [s, g.ints(1, c, hw, hw)])
    y = g.op("Add", "beta", [g.op("Mul", "gamma", [g.op("Div", "div", [n, s]), g.w(1, c, 1, 1)]), g.w(1, c, 1, 1)])
    return g.model("x", [1, 3, hw, hw], conv(g, "post", y, c, c), opset=13), {}


def _window_attention(g: G, h: str, nw: int, n: int, c: int, heads: int) -> str:
    """timm's / SwinIR's attention over a batch of `nw` windows of `n` tokens [nW, N, C] as torch.onnx writes it: qkv
    Linear -> Reshape [nW, N, 3, h, d] -> Transpose(2, 0, 3, 1, 4) -> Split -> Squeeze; q * scale @ k^T + the relative
    position bias, Softmax, @ v -> Transpose(0, 2, 1, 3) -> Reshape [nW, N, C] -> proj Linear (swinwin, swinir)."""
    d = c // heads
    h = g.op("Add", "qkv_add", [g.w(3 * c), g.op("MatMul", "qkv_mm", [h, g.w(c, 3 * c)])])
    h = g.op("Transpose", "qkv_tp", [g.op("Reshape", "qkv_rs", [h, g.ints(nw, n, 3, heads, d)])], perm=[2, 0, 3, 1, 4])
    parts = [f"split_{i}" for i in range(3)]
    g.nodes.append(g.h.make_node("Split", [h, g.ints(1, 1, 1)], parts, name="split", axis=0))
    q, k, v = (g.op("Squeeze", f"sq_{x_}", [p_, g.ints(0)]) for x_, p_ in zip("qkv", parts))
    q = g.op("Mul", "q_scale", [q, g.const(np.array(d ** -0.5, np.float32))])
    a = g.op("MatMul", "qk", [q, g.op("Transpose", "k_tp", [k], perm=[0, 1, 3, 2])])
    a = g.op("Softmax", "softmax", [g.op("Add", "rel_bias", [a, g.w(heads, n, n)])], axis=-1)
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "av", [a, v])], perm=[0, 2, 1, 3])
    o = g.op("Reshape", "o_rs", [o, g.ints(nw, n, c)])
    return g.op("Add", "proj_add", [g.w(c), g.op("MatMul", "proj_mm", [o, g.w(c, c)])])


def case_swinwin(hw: int, win: int, c: int, heads: int) -> tuple[Any, dict[str, Any]]:
    """timm's Swin block attention as torch.onnx writes it (unseen set 10's Swin-S3): a Conv map -> Transpose to
    channels-last -> LayerNorm -> window partition (Reshape [1, H/w, w, W/w, w, C] -> Transpose(0, 1, 3, 2, 4, 5) ->
    Reshape [nW, w, w, C] -> Reshape [nW, w * w, C]) -> qkv Linear -> Reshape [nW, N, 3, h, d] -> Transpose(2, 0, 3,
    1, 4) -> Split -> Squeeze q, k, v; q * scale, @ k^T, + the relative position bias, Softmax, @ v ->
    Transpose(0, 2, 1, 3) -> Reshape [nW, N, C] -> proj Linear -> the window reverse -> + the block's input ->
    Transpose back -> Conv. Which layout nodes of a batch of windows (key `attn5:<N>:d<d>:bn:s`) run on the CPU?"""
    g = G(hw * 100 + win * 10 + c + heads)
    n, nw, s = win * win, (hw // win) ** 2, hw // win
    x = conv(g, "pre", "x", 3, c)
    t = g.op("Transpose", "to_nhwc", [x], perm=[0, 2, 3, 1])
    h = _ln(g, "norm1", t, c)
    h = g.op("Reshape", "part_rs", [h, g.ints(1, s, win, s, win, c)])
    h = g.op("Transpose", "part_tp", [h], perm=[0, 1, 3, 2, 4, 5])
    h = g.op("Reshape", "win_rs", [h, g.ints(nw, win, win, c)])
    h = g.op("Reshape", "tok_rs", [h, g.ints(nw, n, c)])
    o = _window_attention(g, h, nw, n, c, heads)
    o = g.op("Reshape", "unwin_rs", [o, g.ints(nw, win, win, c)])
    o = g.op("Reshape", "unpart_rs", [o, g.ints(1, s, s, win, win, c)])
    o = g.op("Transpose", "unpart_tp", [o], perm=[0, 1, 3, 2, 4, 5])
    o = g.op("Reshape", "map_rs", [o, g.ints(1, hw, hw, c)])
    o = g.op("Add", "res", [t, o])
    y = conv(g, "post", g.op("Transpose", "to_nchw", [o], perm=[0, 3, 1, 2]), c, c)
    return g.model("x", [1, 3, hw, hw], y, opset=17), {}


def case_swinir(h: int, w: int, win: int, c: int, heads: int, ln: str = "dec") -> tuple[Any, dict[str, Any]]:
    """SwinIR's window attention as torch.onnx writes SwinIR-light (unseen set 20): the residual stream is rank-3
    tokens [1, H * W, C] (a Conv map -> Reshape [1, C, H * W] -> Transpose(0, 2, 1)), the block's LayerNorm written
    out (`ln` "dec") or one op, then Reshape [1, H, W, C] -> the window partition (Reshape [1, H/w, w, W/w, w, C] ->
    Transpose(0, 1, 3, 2, 4, 5) -> Reshape [nW, w * w, C]) -> qkv Linear -> Reshape [nW, N, 3, h, d] -> Transpose(2,
    0, 3, 1, 4) -> Split -> Squeeze; q * scale @ k^T + the relative position bias, Softmax, @ v -> Transpose(0, 2, 1,
    3) -> Reshape [nW, N, C] -> proj Linear -> the window reverse (Reshape [1, H/w, W/w, w, w, C] -> Transpose ->
    Reshape [1, H, W, C] -> Reshape [1, H * W, C]) -> + the stream -> Transpose and Reshape back to the map -> Conv.
    Which of its nodes run on the CPU by C, the heads' width d and the window count (SwinIR-light: C 60, 6 heads of
    10, 96 windows of 64 on rk3566 2.3.2: all its layout nodes, its q @ k^T and the Split; rk3588 the partition)?"""
    g = G(h * 1000 + w * 10 + win + c * 7 + heads + len(ln))
    n, sh, sw = win * win, h // win, w // win
    nw = sh * sw
    x = conv(g, "pre", "x", 3, c)
    t = g.op("Transpose", "to_tok", [g.op("Reshape", "flat", [x, g.ints(1, c, h * w)])], perm=[0, 2, 1])
    scale = g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32))
    hh = (layer_norm_written(g, "norm1", t, scale, g.w(c), 1e-5) if ln == "dec" else
          g.op("LayerNormalization", "norm1", [t, scale, g.w(c)], axis=-1, epsilon=1e-5))
    hh = g.op("Reshape", "map_rs", [hh, g.ints(1, h, w, c)])
    hh = g.op("Reshape", "part_rs", [hh, g.ints(1, sh, win, sw, win, c)])
    hh = g.op("Transpose", "part_tp", [hh], perm=[0, 1, 3, 2, 4, 5])
    hh = g.op("Reshape", "win_rs", [hh, g.ints(nw, n, c)])
    o = _window_attention(g, hh, nw, n, c, heads)
    o = g.op("Reshape", "unpart_rs", [o, g.ints(1, sh, sw, win, win, c)])
    o = g.op("Transpose", "unpart_tp", [o], perm=[0, 1, 3, 2, 4, 5])
    o = g.op("Reshape", "unmap_rs", [o, g.ints(1, h, w, c)])
    o = g.op("Reshape", "untok_rs", [o, g.ints(1, h * w, c)])
    o = g.op("Add", "res", [t, o])
    o = g.op("Reshape", "back_rs", [g.op("Transpose", "back_tp", [o], perm=[0, 2, 1]), g.ints(1, c, h, w)])
    y = conv(g, "post", o, c, c)
    return g.model("x", [1, 3, h, w], y, opset=17), {}


def case_hfswin(hw: int, win: int, c: int, heads: int, merge: bool = True,
                shift: bool = False) -> tuple[Any, dict[str, Any]]:
    """Hugging Face's Swin block as torch.onnx writes it (unseen set 16's Swin-T): Conv patches -> Reshape [1, C, H *
    W] -> Transpose -> LayerNorm (embeddings) -> LayerNorm (before) -> Reshape [1, H, W, C] -> a Pad of zeros ->
    window partition (Reshape [1, H/w, w, W/w, w, C] -> Transpose(0, 1, 3, 2, 4, 5) -> Reshape [nW, w, w, C] ->
    Reshape [nW, w * w, C]) -> three Linears q, k, v (MatMul, then the bias Add) reading that one value -> Reshape
    [nW, N, h, d] each -> q, v Transpose(0, 2, 1, 3), k Transpose(0, 2, 3, 1) -> q and k^T each times d^-0.25 -> q @
    k^T + the relative position bias (a constant) -> Softmax -> @ v -> Reshape [nW, h, N, d] -> Transpose(0, 2, 1, 3)
    -> Reshape [nW, N, C] -> o_proj Linear -> the window reverse (Reshape [nW, w, w, C] -> Reshape 6-D -> Transpose ->
    Reshape [1, H, W, C] -> Reshape [1, H * W, C]) -> + the block's input -> the MLP (LayerNorm -> fc1 -> GELU as
    Div, Erf, Add, Mul, Mul -> fc2 -> +); `merge`: then the patch merging (Reshape
    [1, H, W, C] -> even / odd row Slices, each split into even / odd columns -> Concat -> Reshape [1, H * W / 4, 4C]
    -> LayerNorm -> reduction Linear) -> Transpose -> Reshape to a map -> Conv. Which nodes of a batch of windows
    with q, k, v from one shared value run on the CPU (rk3566 2.3.2: 'Transpose:<the shared value>_tp')? `shift`: the
    shifted block (the map rolled by -w/2 on H, then W, as two Slices and a Concat each, after the Pad; the window
    mask added to the scores; rolled back after the window reverse)."""
    g = G(hw * 100 + win * 10 + c + heads + 3 * merge + 5 * shift)
    d, n, nw, s = c // heads, win * win, (hw // win) ** 2, hw // win
    x = conv(g, "pre", "x", 3, c, k=1)
    t = g.op("Transpose", "tok_tp", [g.op("Reshape", "tok_rs", [x, g.ints(1, c, hw * hw)])], perm=[0, 2, 1])
    t = _ln(g, "emb_norm", t, c)
    h = _ln(g, "norm_before", t, c)
    h = g.op("Reshape", "map_rs", [h, g.ints(1, hw, hw, c)])
    h = g.op("Pad", "win_pad", [h, g.ints(*[0] * 8)], mode="constant")
    big = 2 ** 62

    def roll(t_: str, k: int, tag: str) -> str:  # torch.roll(t_, (k, k), (1, 2)) as torch.onnx writes it
        for ax in (1, 2):
            cut = k % hw
            a_ = g.op("Slice", f"{tag}_a{ax}", [t_, g.ints(hw - cut), g.ints(big), g.ints(ax)])
            b_ = g.op("Slice", f"{tag}_b{ax}", [t_, g.ints(0), g.ints(hw - cut), g.ints(ax)])
            t_ = g.op("Concat", f"{tag}_cat{ax}", [a_, b_], axis=ax)
        return t_

    if shift:
        h = roll(h, -(win // 2), "shift")
    h = g.op("Reshape", "part_rs", [h, g.ints(1, s, win, s, win, c)])
    h = g.op("Transpose", "part_tp", [h], perm=[0, 1, 3, 2, 4, 5])
    h = g.op("Reshape", "win_rs", [h, g.ints(nw, win, win, c)])
    h = g.op("Reshape", "tok_win_rs", [h, g.ints(nw, n, c)])
    qkv = {}
    for x_ in "qkv":
        y = g.op("Add", f"{x_}_add", [g.op("MatMul", f"{x_}_mm", [h, g.w(c, c)]), g.w(c)])
        y = g.op("Reshape", f"{x_}_rs", [y, g.ints(nw, n, heads, d)])
        qkv[x_] = g.op("Transpose", f"{x_}_tp", [y], perm=[0, 2, 3, 1] if x_ == "k" else [0, 2, 1, 3])
    sc = g.const(np.array(d ** -0.25, np.float32))
    a = g.op("MatMul", "qk", [g.op("Mul", "q_scale", [qkv["q"], sc]), g.op("Mul", "k_scale", [qkv["k"], sc])])
    a = g.op("Add", "rel_bias", [a, g.w(heads, n, n)])
    if shift:
        mask = np.where(g.rng.random((nw, 1, n, n)) < 0.3, -100.0, 0.0).astype(np.float32)
        a = g.op("Add", "win_mask", [a, g.const(mask)])
    a = g.op("Softmax", "softmax", [a], axis=-1)
    o = g.op("Reshape", "o_rs4", [g.op("MatMul", "av", [a, qkv["v"]]), g.ints(nw, heads, n, d)])
    o = g.op("Reshape", "o_rs", [g.op("Transpose", "o_tp", [o], perm=[0, 2, 1, 3]), g.ints(nw, n, c)])
    o = g.op("Add", "o_add", [g.op("MatMul", "o_mm", [o, g.w(c, c)]), g.w(c)])
    o = g.op("Reshape", "unwin_rs", [o, g.ints(nw, win, win, c)])
    o = g.op("Reshape", "unpart_rs", [o, g.ints(1, s, s, win, win, c)])
    o = g.op("Transpose", "unpart_tp", [o], perm=[0, 1, 3, 2, 4, 5])
    o = g.op("Reshape", "unmap_rs", [o, g.ints(1, hw, hw, c)])
    if shift:
        o = roll(o, win // 2, "unshift")
    o = g.op("Reshape", "untok_rs", [o, g.ints(1, hw * hw, c)])
    o = g.op("Add", "res", [t, o])
    f = g.op("Add", "fc1_add", [g.op("MatMul", "fc1_mm", [_ln(g, "norm_after", o, c), g.w(c, 4 * c)]), g.w(4 * c)])
    f = g.op("Mul", "gelu", [f, g.op("Add", "gelu_1", [g.op("Erf", "gelu_erf", [
        g.op("Div", "gelu_div", [f, g.const(np.array(1.4142135, np.float32))])]), g.const(np.array(1.0, np.float32))])])
    f = g.op("Mul", "gelu_half", [f, g.const(np.array(0.5, np.float32))])
    o = g.op("Add", "res2", [g.op("Add", "fc2_add", [g.op("MatMul", "fc2_mm", [f, g.w(4 * c, c)]), g.w(c)]), o])
    if merge:
        m = g.op("Reshape", "merge_rs", [o, g.ints(1, hw, hw, c)])
        def strided(name: str, t_: str, start: int, axis: int) -> str:
            return g.op("Slice", name, [t_, g.ints(start), g.ints(big), g.ints(axis), g.ints(2)])

        r0, r1 = strided("rows0", m, 0, 1), strided("rows1", m, 1, 1)
        parts = [strided("x0", r0, 0, 2), strided("x1", r1, 0, 2), strided("x2", r0, 1, 2), strided("x3", r1, 1, 2)]
        m = g.op("Concat", "merge_cat", parts, axis=-1)
        m = _ln(g, "merge_norm", g.op("Reshape", "merge_tok", [m, g.ints(1, hw * hw // 4, 4 * c)]), 4 * c)
        o = g.op("MatMul", "reduction", [m, g.w(4 * c, 2 * c)])
        c, hw = 2 * c, hw // 2
    o = g.op("Reshape", "out_map", [g.op("Transpose", "out_tp", [o], perm=[0, 2, 1]), g.ints(1, c, hw, hw)])
    return g.model("x", [1, 3, hw * (2 if merge else 1), hw * (2 if merge else 1)], conv(g, "post", o, c, c),
                   opset=17), {}


def case_hfswinpad(h: int, w: int, win: int, c: int, heads: int, merge: bool = True) -> tuple[Any, dict[str, Any]]:
    """Hugging Face Swin's block as torch.onnx writes it in transformers 5 (unseen set 18's Donut encoder at 384 x 320:
    stages of 96 x 80 to 12 x 10 tokens, window 10), on a map of H x W that the window need not divide: Conv patches
    -> Reshape [1, C, H * W] -> Transpose -> LayerNorm (embeddings) -> LayerNorm (before) -> Reshape [1, H, W, C] ->
    Pad with zeros at the bottom / right to the window's multiple (Hp, Wp; no Pad where it divides both) -> window
    partition (Reshape [1, Hp/w, w, Wp/w, w, C] -> Transpose(0, 1, 3, 2, 4, 5) -> Reshape [nW, w, w, C] -> Reshape
    [nW, w * w, C]) -> q, k, v Linears (bias Add written Add(b, x)) -> Reshape [nW, N, h, d] (its target computed from
    Shape nodes reading the tokens, as the export does here, at the o Reshape and the reverse's rank-6 Reshape: they
    end the layout runs where the export's do) -> q, v Transpose(0, 2,
    1, 3), k Transpose(0, 2, 3, 1) -> q @ k^T -> Div by sqrt(d) -> + the relative position bias [1, h, N, N] ->
    Softmax -> @ v -> Transpose(0, 2, 1, 3) -> Reshape [nW, N, C] -> o Linear -> the window reverse (Reshape [nW, w,
    w, C] -> Reshape [1, Hp/w, Wp/w, w, w, C] -> Transpose -> Reshape [1, Hp, Wp, C]) -> where padded, Slices back to
    [1, H, W, C] on axis 1, then 2 -> Reshape [1, H * W, C] -> + the block's input -> the MLP (LayerNorm, fc1, GELU
    as Div, Erf, Add, Mul, Mul, fc2, +); `merge`: then the patch merging (Reshape [1, H, W, C] -> even / odd row
    Slices, each into even / odd columns -> Concat -> Reshape [1, H * W / 4, 4C] -> LayerNorm -> reduction Linear, read
    by the next stage's LayerNorm and residual Add) -> Transpose -> Reshape to a map -> Conv. Which nodes run on the
    CPU on a padded or rectangular map (rk3566 2.3.2: Donut's partition Reshapes and Transpose, its reverse, the crop's
    Reshape, the merging's Reshapes and Slices; Swin-T's square 224 px map kept them on the NPU)?"""
    g = G(h * 1000 + w * 10 + win + c + heads + 3 * merge + 11)
    d, n = c // heads, win * win
    hp, wp = -(-h // win) * win, -(-w // win) * win
    sh, sw = hp // win, wp // win
    nw = sh * sw
    x = conv(g, "pre", "x", 3, c, k=1)
    t = g.op("Transpose", "tok_tp", [g.op("Reshape", "tok_rs", [x, g.ints(1, c, h * w)])], perm=[0, 2, 1])
    t = _ln(g, "emb_norm", t, c)
    y = g.op("Reshape", "map_rs", [_ln(g, "norm_before", t, c), g.ints(1, h, w, c)])
    if (hp, wp) != (h, w):
        y = g.op("Pad", "win_pad", [y, g.ints(0, 0, 0, 0, 0, hp - h, wp - w, 0)], mode="constant")
    y = g.op("Reshape", "part_rs", [y, g.ints(1, sh, win, sw, win, c)])
    y = g.op("Transpose", "part_tp", [y], perm=[0, 1, 3, 2, 4, 5])
    y = g.op("Reshape", "tok_win_rs", [g.op("Reshape", "win_rs", [y, g.ints(nw, win, win, c)]), g.ints(-1, n, c)])

    def dim(t_: str, name: str, i: int) -> str:  # a dim of t_ as torch.onnx computes a reshape target: Shape, Gather
        return g.op("Unsqueeze", name + "_u", [g.op("Gather", name + "_g", [g.op("Shape", name + "_s", [t_]),
                                                                          g.const(np.array(i, np.int64))]), g.ints(0)])

    heads_to = g.op("Concat", "heads_to", [dim(y, "tok_b", 0), dim(y, "tok_n", 1), g.ints(-1), g.ints(d)], axis=0)
    qkv = {}
    for x_ in "qkv":
        z = g.op("Add", f"{x_}_add", [g.w(c), g.op("MatMul", f"{x_}_mm", [y, g.w(c, c)])])
        z = g.op("Reshape", f"{x_}_rs", [z, heads_to])
        qkv[x_] = g.op("Transpose", f"{x_}_tp", [z], perm=[0, 2, 3, 1] if x_ == "k" else [0, 2, 1, 3])
    a = g.op("Div", "qk_div", [g.op("MatMul", "qk", [qkv["q"], qkv["k"]]), g.const(np.array(d ** 0.5, np.float32))])
    a = g.op("Softmax", "softmax", [g.op("Add", "rel_bias", [a, g.w(1, heads, n, n)])], axis=-1)
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "av", [a, qkv["v"]])], perm=[0, 2, 1, 3])
    o = g.op("Reshape", "o_rs", [o, g.op("Concat", "o_to", [dim(o, "o_b", 0), dim(o, "o_n", 1), g.ints(c)], axis=0)])
    o = g.op("Add", "o_add", [g.w(c), g.op("MatMul", "o_mm", [o, g.w(c, c)])])
    o = g.op("Reshape", "unwin_rs", [o, g.ints(-1, win, win, c)])
    o = g.op("Reshape", "unpart_rs", [o, g.op("Concat", "unpart_to", [g.ints(-1, sh, sw, win, win), dim(o, "unwin_c", 3)],
                                              axis=0)])
    o = g.op("Transpose", "unpart_tp", [o], perm=[0, 1, 3, 2, 4, 5])
    o = g.op("Reshape", "unmap_rs", [o, g.ints(-1, hp, wp, c)])
    if (hp, wp) != (h, w):
        o = g.op("Slice", "crop_h", [o, g.ints(0), g.ints(h), g.ints(1), g.ints(1)])
        o = g.op("Slice", "crop_w", [o, g.ints(0), g.ints(w), g.ints(2), g.ints(1)])
    o = g.op("Add", "res", [t, g.op("Reshape", "untok_rs", [o, g.ints(1, h * w, c)])])
    f = g.op("Add", "fc1_add", [g.w(4 * c), g.op("MatMul", "fc1_mm", [_ln(g, "norm_after", o, c), g.w(c, 4 * c)])])
    f = g.op("Mul", "gelu", [f, g.op("Add", "gelu_1", [g.op("Erf", "gelu_erf", [
        g.op("Div", "gelu_div", [f, g.const(np.array(1.4142135, np.float32))])]), g.const(np.array(1.0, np.float32))])])
    f = g.op("Mul", "gelu_half", [f, g.const(np.array(0.5, np.float32))])
    o = g.op("Add", "res2", [g.op("Add", "fc2_add", [g.w(c), g.op("MatMul", "fc2_mm", [f, g.w(4 * c, c)])]), o])
    if merge:
        m = g.op("Reshape", "merge_rs", [o, g.ints(1, h, w, c)])
        big = 2 ** 62

        def strided(name: str, t_: str, start: int, axis: int) -> str:
            return g.op("Slice", name, [t_, g.ints(start), g.ints(big), g.ints(axis), g.ints(2)])

        r0, r1 = strided("rows0", m, 0, 1), strided("rows1", m, 1, 1)
        parts = [strided("x0", r0, 0, 2), strided("x1", r1, 0, 2), strided("x2", r0, 1, 2), strided("x3", r1, 1, 2)]
        m = g.op("Concat", "merge_cat", parts, axis=-1)
        m = _ln(g, "merge_norm", g.op("Reshape", "merge_tok", [m, g.ints(1, -1, 4 * c)]), 4 * c)
        o = g.op("MatMul", "reduction", [m, g.w(4 * c, 2 * c)])
        c, h, w = 2 * c, h // 2, w // 2
        # the next stage's first reads: its LayerNorm and its residual Add (the merge run's consumers in the export)
        o = g.op("Add", "next_res", [o, g.op("MatMul", "next_mm", [_ln(g, "next_norm", o, c), g.w(c, c)])])
    o = g.op("Reshape", "out_map", [g.op("Transpose", "out_tp", [o], perm=[0, 2, 1]), g.ints(1, c, h, w)])
    f_ = 2 if merge else 1
    return g.model("x", [1, 3, h * f_, w * f_], conv(g, "post", o, c, c), opset=17), {}


def case_swinv2win(hw: int, win: int, c: int, heads: int, cos: bool = True) -> tuple[Any, dict[str, Any]]:
    """timm's Swin-V2 block as torch.onnx's dynamo exporter writes it (unseen set 14's SwinV2-T window 8): a Conv map
    -> channels-last -> LayerNorm -> the window attention (_swinv2_block) -> Transpose back -> Conv. Which layout nodes
    of a batch of windows (key `attn5:<N>:d<d>:bn:cos`) run on the CPU?"""
    g = G(hw * 100 + win * 10 + c + heads + 7 * cos)
    x = conv(g, "pre", "x", 3, c)
    t = _ln(g, "norm0", g.op("Transpose", "to_nhwc", [x], perm=[0, 2, 3, 1]), c)
    o = _swinv2_block(g, t, hw, win, c, heads, cos)
    y = conv(g, "post", g.op("Transpose", "to_nchw", [o], perm=[0, 3, 1, 2]), c, c)
    return g.model("x", [1, 3, hw, hw], y, opset=18), {}


def _swinv2_block(g: G, t: str, hw: int, win: int, c: int, heads: int, cos: bool = True, pad: bool = False) -> str:
    """Swin-V2's window attention over the channels-last map `t` [1, H, W, C] as dynamo writes it: (`pad`: a Pad of
    zeros) -> window partition (Reshape [1, H/w, w, W/w, w, C] -> Transpose(0, 1, 3, 2, 4, 5) -> Reshape [nW, w * w,
    C]) -> qkv Linear (MatMul, then the bias Add) -> Reshape [nW, N, 3, h, d] -> Transpose(2, 0, 3, 1, 4) -> a Slice +
    Squeeze each for q, k, v (unbind); `cos`: cosine attention, q and k each divided by their L2 norm (ReduceL2 -> Clip
    -> Expand -> Div), k^T, the product times a per-head logit scale, + the continuous position bias (a constant [1, h,
    N, N]: the toolkit folds its MLP); else q times d^-0.5 (Swin-V1 in the same spelling). Softmax, @ v ->
    Transpose(0, 2, 1, 3) -> Reshape [nW, N, C] -> proj Linear -> Reshape [1, H/w, W/w, w, w, C] -> Transpose ->
    Reshape to the map -> post-norm LayerNorm -> + `t`."""
    d, n, nw, s = c // heads, win * win, (hw // win) ** 2, hw // win
    h = g.op("Pad", "win_pad", [t, g.ints(*[0] * 8)], mode="constant") if pad else t
    h = g.op("Reshape", "part_rs", [h, g.ints(1, s, win, s, win, c)])
    h = g.op("Transpose", "part_tp", [h], perm=[0, 1, 3, 2, 4, 5])
    h = g.op("Reshape", "tok_rs", [h, g.ints(nw, n, c)])
    h = g.op("Add", "qkv_add", [g.op("MatMul", "qkv_mm", [h, g.w(c, 3 * c)]), g.w(3 * c)])
    h = g.op("Transpose", "qkv_tp", [g.op("Reshape", "qkv_rs", [h, g.ints(nw, n, 3, heads, d)])], perm=[2, 0, 3, 1, 4])
    zero = g.ints(0)
    q, k, v = (g.op("Squeeze", f"sq_{x_}", [g.op("Slice", f"sl_{x_}", [h, g.ints(i), g.ints(i + 1), zero]), zero])
               for i, x_ in enumerate("qkv"))
    if cos:
        def l2(name: str, t_: str) -> str:
            nrm = g.op("ReduceL2", f"{name}_norm", [t_, g.ints(-1)], keepdims=1)
            nrm = g.op("Clip", f"{name}_clamp", [nrm, g.const(np.array(1e-12, np.float32))])
            return g.op("Div", f"{name}_div", [t_, g.op("Expand", f"{name}_expand", [nrm, g.ints(nw, heads, n, d)])])

        q, k = l2("q", q), l2("k", k)
    else:
        q = g.op("Mul", "q_scale", [q, g.const(np.array(d ** -0.5, np.float32))])
    a = g.op("MatMul", "qk", [q, g.op("Transpose", "k_tp", [k], perm=[0, 1, 3, 2])])
    if cos:
        a = g.op("Mul", "logit_scale", [a, g.const(np.full((heads, 1, 1), 10.0, np.float32))])
    a = g.op("Softmax", "softmax", [g.op("Add", "rel_bias", [a, g.w(1, heads, n, n)])], axis=-1)
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "av", [a, v])], perm=[0, 2, 1, 3])
    o = g.op("Reshape", "o_rs", [o, g.ints(nw, n, c)])
    o = g.op("Add", "proj_add", [g.op("MatMul", "proj_mm", [o, g.w(c, c)]), g.w(c)])
    o = g.op("Reshape", "unpart_rs", [o, g.ints(1, s, s, win, win, c)])
    o = g.op("Transpose", "unpart_tp", [o], perm=[0, 1, 3, 2, 4, 5])
    o = _ln(g, "post_norm", g.op("Reshape", "map_rs", [o, g.ints(1, hw, hw, c)]), c)
    return g.op("Add", "res", [t, o])


def case_swinv2merge(hw: int, c: int, win: int, tail: str = "conv") -> tuple[Any, dict[str, Any]]:
    """timm Swin-V2's patch merging as torch.onnx's dynamo exporter writes it (unseen set 14's SwinV2-T): a Conv map
    -> tokens [1, H * W, C] + a bias -> Reshape [1, H, W, C] -> a Pad of zeros -> Reshape [1, H/2, 2, W/2, 2, C] ->
    Transpose(0, 1, 3, 4, 2, 5) -> Reshape [1, H/2, W/2, 4C] -> the reduction Linear to 2C without bias -> LayerNorm
    (Swin-V2 reduces first, then norms) -> the next stage's first block (_swinv2_block, windows of `win`, Pad in front)
    -> `tail` "conv": Transpose back -> Conv; "mlp": the block's MLP as dynamo writes it (Reshape to tokens [1, H * W,
    C] -> fc1 -> GELU -> fc2 -> post-norm LayerNorm -> + the tokens -> Reshape to the map) before that; "head": the
    MLP, then the network's end (the final LayerNorm, a mean over H and W, the classifier). Do the rank-6 Reshape /
    Transpose, the Transpose into the reduction Linear and the one after the norm run on the CPU?"""
    g = G(hw * 100 + c + win + 3 * len(tail))
    x = conv(g, "pre", "x", 3, c)
    t = g.op("Transpose", "tok_tp", [g.op("Reshape", "tok_flat", [x, g.ints(1, c, hw * hw)])], perm=[0, 2, 1])
    t = g.op("Add", "tok_add", [t, g.w(c)])
    h = g.op("Pad", "pad", [g.op("Reshape", "map_rs0", [t, g.ints(1, hw, hw, c)]), g.ints(*[0] * 8)], mode="constant")
    h = g.op("Reshape", "pm_rs", [h, g.ints(1, hw // 2, 2, hw // 2, 2, c)])
    h = g.op("Transpose", "pm_tp", [h], perm=[0, 1, 3, 4, 2, 5])
    h = g.op("Reshape", "pm_flat", [h, g.ints(1, hw // 2, hw // 2, 4 * c)])
    h = _ln(g, "pm_norm", g.op("MatMul", "reduction", [h, g.w(4 * c, 2 * c)]), 2 * c)
    o = _swinv2_block(g, h, hw // 2, win, 2 * c, 2 * c // 32, pad=True)
    if tail == "conv":
        y = conv(g, "post", g.op("Transpose", "to_nchw", [o], perm=[0, 3, 1, 2]), 2 * c, 2 * c)
        return g.model("x", [1, 3, hw, hw], y, opset=18), {}
    side, c2 = hw // 2, 2 * c
    t = g.op("Reshape", "mlp_tok", [o, g.ints(1, side * side, c2)])
    u = g.op("Add", "fc1_add", [g.op("MatMul", "fc1", [t, g.w(c2, 4 * c2)]), g.w(4 * c2)])
    u = g.op("Add", "fc2_add", [g.op("MatMul", "fc2", [gelu(g, "gelu", u, "dynamo"), g.w(4 * c2, c2)]), g.w(c2)])
    o = g.op("Reshape", "mlp_map", [g.op("Add", "mlp_res", [t, _ln(g, "mlp_norm", u, c2)]), g.ints(1, side, side, c2)])
    if tail == "mlp":
        y = conv(g, "post", g.op("Transpose", "to_nchw", [o], perm=[0, 3, 1, 2]), c2, c2)
        return g.model("x", [1, 3, hw, hw], y, opset=18), {}
    o = g.op("ReduceMean", "pool", [_ln(g, "final_norm", o, c2), g.ints(1, 2)], keepdims=0)
    y = g.op("Gemm", "head", [o, g.w(10, c2), g.w(10)], transB=1)
    return g.model("x", [1, 3, hw, hw], y, opset=18), {}


def case_stackrows(n: int, c: int, branches: int = 2) -> tuple[Any, dict[str, Any]]:
    """`torch.stack([f(x), g(x)]).sum(0)` as torch.onnx writes it (unseen set 10's ViT-S 18x2, timm's parallel blocks),
    between plain Adds (`stacksum` is the same block with its residual, measured on rk3588):
    tokens [1, N, C] -> `branches` Linear branches -> Unsqueeze(0) each -> Concat(axis 0) [b, 1, N, C] ->
    ReduceSum(axes [0], keepdims 0) -> + tokens -> a Linear. Do the Concat over the leading axis and the sum over it
    get CPU layers?"""
    g = G(n * 10 + c + branches)
    h = g.op("Add", "front", ["x", g.w(c)])
    outs = [g.op("Unsqueeze", f"unsq{i}", [g.op("MatMul", f"fc{i}", [h, g.w(c, c)]), g.ints(0)])
            for i in range(branches)]
    s_ = g.op("ReduceSum", "sum", [g.op("Concat", "stack", outs, axis=0), g.ints(0)], keepdims=0)
    h = g.op("Add", "res", [h, s_])
    y = g.op("Add", "tail", [h, g.op("MatMul", "tail_mm", [h, g.w(c, c)])])
    return g.model("x", [1, n, c], y, opset=15), {}


def case_headflat(c: int, hw: int, sigmoid: bool) -> tuple[Any, dict[str, Any]]:
    """A dense detector's head output as YuNet-style face detectors write it (unseen set 10's YuNet-like): a Conv map
    [1, C, H, W] -> Reshape [1, C, H * W] -> Transpose(0, 2, 1) -> (Sigmoid) -> graph output [1, H * W, C], C = 1 (the
    class / objectness map), 4 (the box), 10 (five landmarks). Which of the Reshape and the Transpose runs on the
    CPU?"""
    g = G(c * 100 + hw + 7 * sigmoid)
    x = conv(g, "pre", "x", 3, 16)
    h = g.op("Conv", "head", [x, g.w(c, 16, 1, 1), g.w(c)], kernel_shape=[1, 1])
    h = g.op("Transpose", "flat_tp", [g.op("Reshape", "flat_rs", [h, g.ints(1, c, hw * hw)])], perm=[0, 2, 1])
    if sigmoid:
        h = g.op("Sigmoid", "act", [h])
    return g.model("x", [1, 3, hw, hw], h, opset=13), {}


def case_kvshared(b: int, n: int, d: int, shared: bool = True, bias: bool = False) -> tuple[Any, dict[str, Any]]:
    """Attention whose values are its keys, Softmax(q @ k^T) @ k (`shared`; else a v of its own), `bias`: a computed
    [B, N, N] term added to the logits: the first relpos sweep models read k twice and crashed in
    RKNNSubgraphManager with 2.3.2 on the families that fuse the three into one SDPA layer."""
    g = G(b * n + d + 3 * shared + bias)
    q, k = g.op("Add", "q", ["x", g.w(d)]), g.op("Add", "k", ["x", g.w(d)])
    v = k if shared else g.op("Add", "v", ["x", g.w(d)])
    a = g.op("MatMul", "qk", [q, g.op("Transpose", "kt", [k], perm=[0, 2, 1])])
    if bias:
        a = g.op("Add", "bias", [a, g.op("MatMul", "qq", [q, g.op("Transpose", "vt", [v], perm=[0, 2, 1])])])
    a = g.op("Softmax", "softmax", [a], axis=-1)
    y = g.op("Add", "back", [g.op("MatMul", "av", [a, v]), q])
    return g.model("x", [b, n, d], y, opset=17), {}


def case_grid6(hw: int, grid: int, c: int) -> tuple[Any, dict[str, Any]]:
    """MaxxViT-v2's grid attention block as timm writes it (unseen set 7): a channels-last map [1, H, W, C] -> LayerNorm
    -> Reshape [1, g, H/g, g, W/g, C] -> Transpose(0, 2, 4, 1, 3, 5) -> Reshape [H/g * W/g, g, g, C] -> qkv Linear ->
    Relu (the attention's stand-in) -> proj Linear -> Reshape [1, H/g, W/g, g, g, C] -> Transpose(0, 3, 1, 4, 2, 5) ->
    Reshape [1, H, W, C] -> Mul (layer scale) -> residual Add, between Convs: the rank-6 grid partition and its reverse,
    by the map side, the grid and the channels."""
    g = G(hw * 31 + grid * 7 + c)
    x = conv(g, "pre", "x", 3, c)
    t = g.op("Transpose", "to_nhwc", [x], perm=[0, 2, 3, 1])
    cell = hw // grid
    h = _ln(g, "norm", t, c)
    h = g.op("Reshape", "grid_rs", [h, g.ints(1, grid, cell, grid, cell, c)])
    h = g.op("Transpose", "grid_tp", [h], perm=[0, 2, 4, 1, 3, 5])
    h = g.op("Reshape", "grid_flat", [h, g.ints(cell * cell, grid, grid, c)])
    h = g.op("MatMul", "qkv", [h, g.w(c, c)])
    h = g.op("Add", "qkv_b", [h, g.w(c)])
    h = g.op("Relu", "attn", [h])
    h = g.op("MatMul", "proj", [h, g.w(c, c)])
    h = g.op("Add", "proj_b", [h, g.w(c)])
    h = g.op("Reshape", "ungrid_rs", [h, g.ints(1, cell, cell, grid, grid, c)])
    h = g.op("Transpose", "ungrid_tp", [h], perm=[0, 3, 1, 4, 2, 5])
    h = g.op("Reshape", "ungrid_map", [h, g.ints(1, hw, hw, c)])
    h = g.op("Mul", "ls", [h, g.w(c)])
    h = g.op("Add", "res", [t, h])
    h = g.op("Transpose", "to_nchw", [h], perm=[0, 3, 1, 2])
    y = conv(g, "post", h, c, c)
    return g.model("x", [1, 3, hw, hw], y, opset=17), {}


def case_token(n: int, c: int, ln: bool = False) -> tuple[Any, dict[str, Any]]:
    """A ViT classifier's class-token pick: Add -> Gather(index 0, axis 1) -> Gemm head (a LayerNormalization in
    front with epsilon 1e-5 crashed the build: KeyError 'LayerNormalization' in _p_convert_layernorm_to_exnorm).
    `ln`: Add -> LayerNormalization (epsilon 1e-6, as timm writes it) -> Gather, as the exports have it."""
    g = G(n + c + ln)
    h = g.op("Add", "front", ["x", g.w(c)])
    if ln:
        h = g.op("LayerNormalization", "norm", [h, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)), g.w(c)],
                 axis=-1, epsilon=1e-6)
    h = g.op("Gather", "token", [h, g.const(np.array(0, np.int64))], axis=1)
    y = g.op("Gemm", "head", [h, g.w(16, c), g.w(16)], transB=1)
    return g.model("x", [1, n, c], y, opset=17 if ln else OPSET), {}


def case_attn(n: int, heads: int = 2, d: int = 32, bias_first: bool = False, xca: bool = False,
              zero_proj: bool = False, b: int = 1, sdpa: bool = False, front_cat: bool = False,
              factor: bool = False, tail: bool = False, paddle: bool = False, take: str = "split",
              cosine: bool = False, qscale: bool = False, rope: str = "", prefix: int = 0, nobias: bool = False
              ) -> tuple[Any, dict[str, Any]]:
    """timm's Attention as torch.onnx exports it (opset 17): LayerNorm -> qkv Linear -> Reshape [1, N, 3, h, d] ->
    Transpose(2, 0, 3, 1, 4) -> Split -> Squeeze q, k, v -> q @ k^T -> Softmax -> @ v -> Transpose(0, 2, 1, 3) ->
    Reshape [1, N, C] -> proj Linear, between Adds; N tokens. `bias_first`: the Linears' bias Adds written Add(b, x)
    (as torch.onnx writes them; the base case writes Add(x, b)). `xca`: XCiT's cross-covariance attention, the qkv
    Transpose(2, 0, 3, 4, 1) to [3, 1, h, d, N], attention over channels (q @ k^T is d x d), the output Transpose(0,
    3, 1, 2) back to tokens. `zero_proj`: the proj Linear's weight all zero (timm initialises some residual branches
    to zero: does the toolkit drop the attention in front of it?). `b`: a batch of B (MobileViT's transformer runs on
    the B = 4 pixels of its 2x2 patches); `sdpa`: q and k^T each scaled by sqrt(1 / sqrt(d)) before the product, as
    torch.onnx writes F.scaled_dot_product_attention (timm's fused attention, MobileViT's export). `front_cat`: the
    tokens come from a Concat of a class token in front of N - 1 patch tokens (as CoaT's), not an Add. `factor`:
    CoaT's factorised attention, Softmax over k's tokens (axis 2) -> Transpose(0, 1, 3, 2) -> @ v -> q @ that.
    `tail`: a Linear and a residual Add after the block, so that the proj Linear does not feed the graph output.
    `paddle`: q, k, v taken out as Paddle2ONNX writes PaddleOCR's SVTR attention: a Slice of one on axis 0 and a
    Squeeze each instead of one Split, q scaled by a Mul after its Squeeze. `take` "gather": q, k, v taken out by a
    Gather (index i, axis 0) each, as torchvision's Swin writes `qkv[0], qkv[1], qkv[2]` (the base case's Split +
    Squeeze is timm's `unbind(0)`, Swin-V2-CR's); "slice": by a Slice of one on axis 0 and a Squeeze each, as torch
    dynamo writes `unbind(0)` (timm's SwinV2 exported with dynamo). `cosine`: Swin-V2's cosine attention, q and k each divided by
    their L2 norm over d (ReduceL2 -> Clip -> Div) and the product scaled by a constant. `qscale`: q multiplied by
    d ** -0.5 after it is taken out (timm's Swin / Swin-S3 `q = q * self.scale`). `rope`: q and k rotated (rotary
    position embedding, x * cos + rot(x) * sin) after the take: "interleave" as torch dynamo writes timm's RoPE ViT
    (x[..., 1::2] and x[..., 0::2] by step-2 Slices over d, the odd negated, both Unsqueeze-d to 5-D, Concat-ed and
    Reshape-d back), "half" as the rotate-half form (x[..., d/2:] negated, Concat-ed in front of x[..., :d/2]); the
    first `prefix` tokens (class / register tokens) Sliced off over the tokens before it and Concat-ed back after.
    `nobias`: the qkv Linear without a bias (timm's ViT-srelpos, unseen set 14), its MatMul straight into the
    Reshape."""
    c = heads * d
    plain = bias_first or xca or (heads, d, b) == (2, 32, 1)  # the earlier sweeps' models unchanged
    g = G(n + 1000 * bias_first + 2000 * xca + 4000 * front_cat + 8000 * factor + 16000 * tail if plain else n * b + d)
    if paddle or take != "split" or cosine or qscale or rope:
        g = G(n * 7 + d * 3 + heads + b + 11 * cosine + 13 * qscale + 17 * len(rope) + 19 * prefix)

    def add_b(name: str, x: str, b: str) -> str:
        return g.op("Add", name, [b, x] if bias_first else [x, b])

    if front_cat:
        h = g.op("Concat", "front", [g.w(1, 1, c), "x"], axis=1)
    else:
        h = g.op("Add", "front", ["x", g.w(c)])
    tokens = h if front_cat else "x"  # the residual
    # epsilon 1e-6 as timm writes it: with the default (1e-5) the build crashed (KeyError 'LayerNormalization' in
    # _p_convert_layernorm_to_exnorm)
    if nobias:  # written out, as torch.onnx at opset 15 writes ViT-srelpos's LayerNorm (ReduceMean ... Add beta)
        dev = g.op("Sub", "norm_sub", [h, g.op("ReduceMean", "norm_mean", [h], axes=[-1])])
        var = g.op("ReduceMean", "norm_var", [g.op("Pow", "norm_pow", [dev, g.const(np.array(2.0, np.float32))])],
                   axes=[-1])
        sd = g.op("Sqrt", "norm_sqrt", [g.op("Add", "norm_eps", [var, g.const(np.array(1e-6, np.float32))])])
        h = g.op("Add", "norm", [g.op("Mul", "norm_gamma", [g.op("Div", "norm_div", [dev, sd]), g.w(c)]), g.w(c)])
    else:
        h = g.op("LayerNormalization", "norm", [h, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)),
                                                g.w(c)], axis=-1, epsilon=1e-6)
    h = g.op("MatMul", "qkv_mm", [h, g.w(c, 3 * c)])
    h = h if nobias else add_b("qkv_add", h, g.w(3 * c))
    h = g.op("Reshape", "qkv_rs", [h, g.ints(b, n, 3, heads, d)])
    h = g.op("Transpose", "qkv_tp", [h], perm=[2, 0, 3, 4, 1] if xca else [2, 0, 3, 1, 4])
    if take == "gather":
        q, k, v = (g.op("Gather", f"take_{x}", [h, g.const(np.array(i, np.int64))], axis=0)
                   for i, x in enumerate("qkv"))
    else:
        if paddle or take == "slice":
            parts = [g.op("Slice", f"slice_{x}", [h, g.ints(i), g.ints(i + 1), g.ints(0), g.ints(1)])
                     for i, x in enumerate("qkv")]
        else:
            parts = [f"split_{i}" for i in range(3)]
            g.nodes.append(g.h.make_node("Split", [h, g.ints(1, 1, 1)], parts, name="split", axis=0))
        q, k, v = (g.op("Squeeze", f"sq_{x}", [p_, g.ints(0)]) for x, p_ in zip("qkv", parts))
    if paddle or qscale:
        q = g.op("Mul", "q_scale", [q, g.const(np.array(d ** -0.5, np.float32))])
    if rope:
        q, k = (_rotary(g, x, t, rope, n, d, prefix) for x, t in (("q", q), ("k", k)))
    if factor:
        ks = g.op("Softmax", "softmax", [k], axis=2)
        kt = g.op("Transpose", "k_tp", [ks], perm=[0, 1, 3, 2])
        kv = g.op("MatMul", "kv", [kt, v])
        o = g.op("MatMul", "av", [q, kv])
    else:
        if cosine:
            q, k = (g.op("Div", f"{x}_l2", [t, g.op("Clip", f"{x}_clip", [
                g.op("ReduceL2", f"{x}_norm", [t], axes=[-1], keepdims=1), g.const(np.array(1e-12, np.float32))])])
                for x, t in (("q", q), ("k", k)))
        kt = g.op("Transpose", "k_tp", [k], perm=[0, 1, 3, 2])
        if sdpa:
            s = g.const(np.array(d ** -0.25, np.float32))
            q, kt = g.op("Mul", "q_scale", [q, s]), g.op("Mul", "k_scale", [kt, s])
        a = g.op("MatMul", "qk", [q, kt])
        if cosine:
            a = g.op("Mul", "logit_scale", [a, g.const(np.array(10.0, np.float32))])
        a = g.op("Softmax", "softmax", [a], axis=-1)
        o = g.op("MatMul", "av", [a, v])
    o = g.op("Transpose", "o_tp", [o], perm=[0, 3, 1, 2] if xca else [0, 2, 1, 3])
    o = g.op("Reshape", "o_rs", [o, g.ints(b, n, c)])
    wp = g.const(np.zeros((c, c), np.float32)) if zero_proj else g.w(c, c)
    o = g.op("MatMul", "proj_mm", [o, wp])
    o = add_b("proj_add", o, g.w(c))
    y = g.op("Add", "back", [o, tokens])
    if tail:
        t = g.op("MatMul", "tail_mm", [y, g.w(c, c)])
        t = add_b("tail_add", t, g.w(c))
        y = g.op("Add", "tail_res", [t, y])
    return g.model("x", [b, n - front_cat, c], y, opset=17), {}


def _rotary(g: G, x: str, t: str, form: str, n: int, d: int, prefix: int) -> str:
    """t [B, h, n, d] rotated over d (case_attn's `rope`), its first `prefix` tokens left as they are."""
    big = 2 ** 63 - 1
    if prefix:
        head = g.op("Slice", f"{x}_prefix", [t, g.ints(0), g.ints(prefix), g.ints(2), g.ints(1)])
        t = g.op("Slice", f"{x}_tokens", [t, g.ints(prefix), g.ints(big), g.ints(2), g.ints(1)])
    if form == "interleave":
        odd = g.op("Slice", f"{x}_odd", [t, g.ints(1), g.ints(big), g.ints(3), g.ints(2)])
        even = g.op("Slice", f"{x}_even", [t, g.ints(0), g.ints(big), g.ints(3), g.ints(2)])
        pair = [g.op("Unsqueeze", f"{x}_u{i}", [v, g.ints(-1)]) for i, v in
                enumerate((g.op("Neg", f"{x}_neg", [odd]), even))]
        rot = g.op("Reshape", f"{x}_rot", [g.op("Concat", f"{x}_pair", pair, axis=-1), g.ints(0, 0, 0, d)])
    else:
        lo = g.op("Slice", f"{x}_lo", [t, g.ints(0), g.ints(d // 2), g.ints(3), g.ints(1)])
        hi = g.op("Slice", f"{x}_hi", [t, g.ints(d // 2), g.ints(big), g.ints(3), g.ints(1)])
        rot = g.op("Concat", f"{x}_rot", [g.op("Neg", f"{x}_neg", [hi]), lo], axis=-1)
    cos, sin = (g.const(g.rng.uniform(-1, 1, (1, 1, n - prefix, d)).astype(np.float32)) for _ in range(2))
    y = g.op("Add", f"{x}_roped", [g.op("Mul", f"{x}_cos", [t, cos]), g.op("Mul", f"{x}_sin", [rot, sin])])
    return g.op("Concat", f"{x}_back", [head, y], axis=2) if prefix else y


def case_qkattn(n: int, heads: int, d: int, b: int = 1, bias: bool = False) -> tuple[Any, dict[str, Any]]:
    """timm TNT's attention as torch.onnx exports it (opset 17): LayerNorm -> a qk Linear without bias (`bias`: with
    one) -> Reshape [B, N, 2, h, d] -> Transpose(2, 0, 3, 1, 4) -> Split -> Squeeze q, k; v from its own Linear ->
    Reshape [B, N, h, d] -> Transpose(0, 2, 1, 3); q @ k^T * scale -> Softmax -> @ v -> Transpose(0, 2, 1, 3) ->
    Reshape [B, N, C] -> proj Linear, between Adds. TNT-S runs it inside 49 patches of 16 pixels (B 49, N 16, 4
    heads of 6) and over 50 tokens (6 heads of 64)."""
    c = heads * d
    g = G(n * b + d * heads + 7 * bias)
    h = g.op("Add", "front", ["x", g.w(c)])
    x = g.op("LayerNormalization", "norm", [h, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)), g.w(c)],
             axis=-1, epsilon=1e-5)
    qk = g.op("MatMul", "qk_mm", [x, g.w(c, 2 * c)])
    if bias:
        qk = g.op("Add", "qk_add", [g.w(2 * c), qk])
    qk = g.op("Reshape", "qk_rs", [qk, g.ints(b, n, 2, heads, d)])
    qk = g.op("Transpose", "qk_tp", [qk], perm=[2, 0, 3, 1, 4])
    g.nodes.append(g.h.make_node("Split", [qk, g.ints(1, 1)], ["split_0", "split_1"], name="split", axis=0))
    q, k = (g.op("Squeeze", f"sq_{x_}", [p_, g.ints(0)]) for x_, p_ in zip("qk", ("split_0", "split_1")))
    v = g.op("MatMul", "v_mm", [x, g.w(c, c)])
    v = g.op("Reshape", "v_rs", [v, g.ints(b, n, heads, d)])
    v = g.op("Transpose", "v_tp", [v], perm=[0, 2, 1, 3])
    kt = g.op("Transpose", "k_tp", [k], perm=[0, 1, 3, 2])
    a = g.op("MatMul", "qk", [q, kt])
    a = g.op("Mul", "scale", [a, g.const(np.array(d ** -0.5, np.float32))])
    a = g.op("Softmax", "softmax", [a], axis=-1)
    o = g.op("MatMul", "av", [a, v])
    o = g.op("Transpose", "o_tp", [o], perm=[0, 2, 1, 3])
    o = g.op("Reshape", "o_rs", [o, g.ints(b, n, c)])
    o = g.op("MatMul", "proj_mm", [o, g.w(c, c)])
    o = g.op("Add", "proj_add", [g.w(c), o])
    y = g.op("Add", "back", [o, h])
    return g.model("x", [b, n, c], y, opset=17), {}


def case_xca(n: int, heads: int, d: int) -> tuple[Any, dict[str, Any]]:
    """timm's cross-covariance attention (EdgeNeXt's XCA) as exported: LayerNorm -> qkv Linear -> Reshape [1, N, 3, h,
    d] -> Transpose(2, 0, 3, 4, 1) -> Split -> Squeeze q, k, v ([1, h, d, N]) -> L2-normalise q and k (ReduceL2, Clip,
    Expand, Div) -> q @ k^T * temperature -> Softmax -> @ v -> Transpose(0, 3, 1, 2) -> Reshape [1, N, C] -> proj
    Linear, between Adds."""
    c = heads * d
    g = G(n + d)
    h = g.op("Add", "front", ["x", g.w(c)])
    h = g.op("LayerNormalization", "norm", [h, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)), g.w(c)],
             axis=-1, epsilon=1e-6)
    h = g.op("MatMul", "qkv_mm", [h, g.w(c, 3 * c)])
    h = g.op("Add", "qkv_add", [h, g.w(3 * c)])
    h = g.op("Reshape", "qkv_rs", [h, g.ints(1, n, 3, heads, d)])
    h = g.op("Transpose", "qkv_tp", [h], perm=[2, 0, 3, 4, 1])
    parts = [f"split_{i}" for i in range(3)]
    g.nodes.append(g.h.make_node("Split", [h, g.ints(1, 1, 1)], parts, name="split", axis=0))
    q, k, v = (g.op("Squeeze", f"sq_{x}", [p_, g.ints(0)]) for x, p_ in zip("qkv", parts))
    eps = g.const(np.array(1e-12, np.float32))
    shape = g.ints(1, heads, d, n)
    q, k = (g.op("Div", f"{x}_div", [t, g.op("Expand", f"{x}_exp", [g.op("Clip", f"{x}_clip", [
        g.op("ReduceL2", f"{x}_l2", [t], axes=[-1], keepdims=1), eps]), shape])]) for x, t in (("q", q), ("k", k)))
    kt = g.op("Transpose", "k_tp", [k], perm=[0, 1, 3, 2])
    a = g.op("MatMul", "qk", [q, kt])
    a = g.op("Mul", "temp", [a, g.const(np.ones((heads, 1, 1), np.float32))])
    a = g.op("Softmax", "softmax", [a], axis=-1)
    o = g.op("MatMul", "av", [a, v])
    o = g.op("Transpose", "o_tp", [o], perm=[0, 3, 1, 2])
    o = g.op("Reshape", "o_rs", [o, g.ints(1, n, c)])
    o = g.op("MatMul", "proj_mm", [o, g.w(c, c)])
    o = g.op("Add", "proj_add", [o, g.w(c)])
    y = g.op("Add", "back", [o, "x"])
    return g.model("x", [1, n, c], y, opset=17), {}


def case_unfold(c: int, hw: int) -> tuple[Any, dict[str, Any]]:
    """MobileViT's unfold / fold around its transformer (2x2 patches, as timm exports it): Conv -> Reshape [C*H/2, 2,
    W/2, 2] -> Transpose(0, 2, 1, 3) -> Reshape [1, C, N, 4] -> Transpose(0, 3, 2, 1) -> Reshape [4, N, C] -> (LayerNorm
    -> Linear, residual Add, LayerNorm) -> Reshape [1, 4, N, C] -> Transpose(0, 3, 2, 1) -> Reshape [C*H/2, W/2, 2, 2]
    -> Transpose(0, 2, 1, 3) -> Reshape [1, C, H, W] -> Conv. On rk3588 fp16 the Reshapes of MobileViT-xxs's stage 4
    (C 96, 4x4) ran on the CPU; int8 added stage 3's (C 80, 8x8) first and last."""
    g = G(c * hw + 7)
    n = (hw // 2) ** 2
    x = conv(g, "pre", "x", 3, c, k=1)
    h = g.op("Reshape", "unf_rs0", [x, g.ints(c * hw // 2, 2, hw // 2, 2)])
    h = g.op("Transpose", "unf_tp0", [h], perm=[0, 2, 1, 3])
    h = g.op("Reshape", "unf_rs1", [h, g.ints(1, c, n, 4)])
    h = g.op("Transpose", "unf_tp1", [h], perm=[0, 3, 2, 1])
    t = g.op("Reshape", "unf_rs2", [h, g.ints(4, n, c)])

    def ln(name: str, v: str) -> str:
        return g.op("LayerNormalization", name, [v, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)), g.w(c)],
                    axis=-1, epsilon=1e-5)

    h = g.op("MatMul", "mlp_mm", [ln("norm1", t), g.w(c, c)])
    h = g.op("Add", "mlp_add", [h, g.w(c)])
    h = g.op("Add", "residual", [h, t])
    h = ln("norm2", h)
    h = g.op("Reshape", "fold_rs0", [h, g.ints(1, 4, n, c)])
    h = g.op("Transpose", "fold_tp0", [h], perm=[0, 3, 2, 1])
    h = g.op("Reshape", "fold_rs1", [h, g.ints(c * hw // 2, hw // 2, 2, 2)])
    h = g.op("Transpose", "fold_tp1", [h], perm=[0, 2, 1, 3])
    h = g.op("Reshape", "fold_rs2", [h, g.ints(1, c, hw, hw)])
    y = conv(g, "post", h, c, c, k=1)
    return g.model("x", [1, 3, hw, hw], y, opset=17), {}


def case_mvitdyn(c: int, hw: int, heads: int = 4, layers: int = 2) -> tuple[Any, dict[str, Any]]:
    """MobileViT's block as torch.onnx's dynamo exporter writes it (unseen set 16's MobileViT-XS): a 1x1 Conv -> the
    unfold into 2x2 patches (Reshape [C*H/2, 2, W/2, 2] -> Transpose(0, 2, 1, 3) -> Reshape [1, C, N, 4] ->
    Transpose(0, 3, 2, 1) -> Reshape [4, N, C]) -> `layers` transformer layers over the batch of 4 patch positions
    (LayerNorm -> qkv Linear -> Reshape [4, N, 3, h, d] -> Transpose(2, 0, 3, 1, 4) -> Slice + Squeeze each for q,
    k, v; k^T as Reshape [4h, N, d] -> Transpose -> Reshape [4, h, d, N]; q and k^T each times d^-0.25 -> MatMul ->
    Softmax -> @ v -> Transpose(0, 2, 1, 3) -> Reshape [4, N, C] -> proj Linear -> + ; LayerNorm -> Linear, SiLU,
    Linear -> +) -> LayerNorm -> the fold back (Reshape [1, 4, N, C] -> Transpose(0, 3, 2, 1) -> Reshape [C*H/2, W/2,
    2, 2] -> Transpose(0, 2, 1, 3) -> Reshape [1, C, H, W]) -> Conv. rk3566 2.3.2: which layout nodes run on the CPU
    by C, d and N (MobileViT-XS at 256 px: C 96 / d 24 / N 256 none, C 120 / d 30 / N 64 the qkv and out Reshapes,
    the v Slice and the fold, C 144 / d 36 / N 16 those in int8 only)?"""
    g = G(c * hw + heads + 11 * layers)
    n, d, half = (hw // 2) ** 2, c // heads, hw // 2
    x = conv(g, "pre", "x", 3, c, k=1)
    h = g.op("Reshape", "unf_rs0", [x, g.ints(c * half, 2, half, 2)])
    h = g.op("Transpose", "unf_tp0", [h], perm=[0, 2, 1, 3])
    h = g.op("Reshape", "unf_rs1", [h, g.ints(1, c, n, 4)])
    h = g.op("Transpose", "unf_tp1", [h], perm=[0, 3, 2, 1])
    t = g.op("Reshape", "unf_rs2", [h, g.ints(4, n, c)])
    sc = g.const(np.array([d ** -0.25], np.float32))
    for i in range(layers):
        p = f"l{i}_"
        h = g.op("Add", p + "qkv_add", [g.op("MatMul", p + "qkv_mm", [_ln(g, p + "norm1", t, c), g.w(c, 3 * c)]),
                                        g.w(3 * c)])
        h = g.op("Transpose", p + "qkv_tp", [g.op("Reshape", p + "qkv_rs", [h, g.ints(4, n, 3, heads, d)])],
                 perm=[2, 0, 3, 1, 4])
        q, k, v = (g.op("Squeeze", p + f"sq_{x_}", [g.op("Slice", p + f"sl_{x_}", [h, g.ints(j), g.ints(j + 1),
                                                                                     g.ints(0)]), g.ints(0)])
                   for j, x_ in enumerate("qkv"))
        k = g.op("Transpose", p + "k_tp", [g.op("Reshape", p + "k_rs", [k, g.ints(4 * heads, n, d)])], perm=[0, 2, 1])
        k = g.op("Reshape", p + "k_rs2", [k, g.ints(4, heads, d, n)])
        a = g.op("MatMul", p + "qk", [g.op("Mul", p + "q_scale", [q, sc]), g.op("Mul", p + "k_scale", [k, sc])])
        o = g.op("MatMul", p + "av", [g.op("Softmax", p + "softmax", [a], axis=-1), v])
        o = g.op("Reshape", p + "o_rs", [g.op("Transpose", p + "o_tp", [o], perm=[0, 2, 1, 3]), g.ints(4, n, c)])
        t = g.op("Add", p + "res1", [t, g.op("Add", p + "proj_add", [g.op("MatMul", p + "proj_mm", [o, g.w(c, c)]),
                                                                       g.w(c)])])
        f = g.op("Add", p + "fc1_add", [g.op("MatMul", p + "fc1_mm", [_ln(g, p + "norm2", t, c), g.w(c, 2 * c)]),
                                        g.w(2 * c)])
        f = g.op("Mul", p + "silu", [f, g.op("Sigmoid", p + "silu_sig", [f])])
        t = g.op("Add", p + "res2", [t, g.op("Add", p + "fc2_add", [g.op("MatMul", p + "fc2_mm", [f, g.w(2 * c, c)]),
                                                                      g.w(c)])])
    h = g.op("Reshape", "fold_rs0", [_ln(g, "norm", t, c), g.ints(1, 4, n, c)])
    h = g.op("Transpose", "fold_tp0", [h], perm=[0, 3, 2, 1])
    h = g.op("Reshape", "fold_rs1", [h, g.ints(c * half, half, 2, 2)])
    h = g.op("Transpose", "fold_tp1", [h], perm=[0, 2, 1, 3])
    h = g.op("Reshape", "fold_rs2", [h, g.ints(1, c, hw, hw)])
    return g.model("x", [1, 3, hw, hw], conv(g, "post", h, c, c, k=1), opset=18), {}


def case_resize(c: int, hw: int, mode: str = "linear", ctm: str = "align_corners") -> tuple[Any, dict[str, Any]]:
    """Conv -> Resize x2 (scales) -> Conv: a U-Net's upsampling. On rk3562 the align_corners bilinear Resize of [1, 32,
    64, 64] ran on the CPU and that of [1, 64, 32, 32] on the NPU (fp16 and int8): by spatial size or by elements?"""
    g = G(c * hw)
    x = conv(g, "pre", "x", 3, c)
    h = g.op("Resize", "resize", [x, "", g.const(np.array([1, 1, 2, 2], np.float32))], mode=mode,
             coordinate_transformation_mode=ctm)
    y = conv(g, "post", h, c, c)
    return g.model("x", [1, 3, hw, hw], y), {}


def case_resize1(c: int, h: int, w: int, ctm: str = "align_corners") -> tuple[Any, dict[str, Any]]:
    """An ASPP image-pooling branch: Conv -> GlobalAveragePool -> 1x1 Conv -> bilinear Resize (sizes) of the 1 x 1 map
    back to H x W -> Add to the map -> Conv. The float16 builds put it on the NPU where a 2x upscale of the same mode
    ran on the CPU; does an int8 build?"""
    g = G(c * h * w + 7)
    x = conv(g, "pre", "x", 3, c)
    p = conv(g, "proj", g.op("GlobalAveragePool", "gap", [x]), c, c, k=1)
    r = g.op("Resize", "resize", [p, "", "", g.ints(1, c, h, w)], mode="linear", coordinate_transformation_mode=ctm)
    return g.model("x", [1, 3, h, w], conv(g, "post", g.op("Add", "merge", [x, r]), c, c, k=1)), {}


def case_resizeac(c: int, h: int, w: int, oh: int, ow: int) -> tuple[Any, dict[str, Any]]:
    """A pyramid pooling branch (Fast-SCNN's PPM): Conv -> AdaptiveAvgPool as an AveragePool to h x w -> 1x1 Conv ->
    align_corners bilinear Resize (sizes) to oh x ow -> Conv. Fast-SCNN (unseen set 8) kept the 2 x 2 -> 12 x 24
    Resize on the NPU and put 3 x 3, 6 x 6 -> 12 x 24 on the CPU: by the input size, or by whether (out - 1) / (in - 1)
    is a whole number on both axes (11 and 23 for 2 x 2)?"""
    g = G(c * h * w + oh * ow)
    x = conv(g, "pre", "x", 3, c)
    kh, kw = 24 // h, 24 // w
    p = g.op("AveragePool", "pool", [x], kernel_shape=[kh, kw], strides=[kh, kw])
    p = conv(g, "proj", p, c, c, k=1)
    r = g.op("Resize", "resize", [p, "", "", g.ints(1, c, oh, ow)], mode="linear",
             coordinate_transformation_mode="align_corners")
    return g.model("x", [1, 3, 24, 24], conv(g, "post", r, c, c, k=1)), {}


def case_stacksum(n: int, d: int, branches: int = 2) -> tuple[Any, dict[str, Any]]:
    """Parallel branches summed through a stack (timm's ParallelThingsBlock, vit_small_patch16_18x2: `torch.stack([
    attn(x) for attn in self.attns]).sum(dim=0)`): tokens [1, N, D] -> each branch a Linear and a layer-scale Mul ->
    Unsqueeze(0) -> Concat on axis 0 -> ReduceSum over axis 0 -> residual Add -> Linear. Unseen set 10's ViT-S 18x2 ran
    a Transpose after each such Concat on the CPU (rk3588 fp16 2.3.2): at every size?"""
    g = G(n * d + branches)
    x = g.op("Add", "front", ["x", g.w(d)])
    parts = []
    for i in range(branches):
        h = g.op("Add", f"b{i}_bias", [g.op("MatMul", f"b{i}_fc", [x, g.w(d, d)]), g.w(d)])
        h = g.op("Mul", f"b{i}_ls", [h, g.w(d)])
        parts.append(g.op("Unsqueeze", f"b{i}_unsq", [h, g.ints(0)]))
    s = g.op("ReduceSum", "sum", [g.op("Concat", "stack", parts, axis=0), g.ints(0)], keepdims=0)
    y = g.op("MatMul", "back", [g.op("Add", "residual", [x, s]), g.w(d, d)])
    return g.model("x", [1, n, d], y, opset=13), {}


def case_laysig(side: int, c: int, act: str = "Sigmoid") -> tuple[Any, dict[str, Any]]:
    """A YuNet-style detector level: Conv -> 1x1 Conv to C maps -> Reshape [1, C, H * W] -> Transpose(0, 2, 1) ->
    Sigmoid (`act`; "none": the Transpose is the output) -> graph output [1, H * W, C]. Unseen set 10's YuNet-like
    face detector put no CPU Reshape on its C = 1 Sigmoid outputs at 1600 and 400 rows (rk3588 fp16 2.3.2), where the
    `elt>out3:a1` entry (a Linear head's rows) says CPU."""
    g = G(side * 7 + c)
    x = conv(g, "pre", "x", 3, 16)
    h = conv(g, "head", x, 16, c, k=1)
    h = g.op("Reshape", "flat", [h, g.ints(1, c, side * side)])
    y = g.op("Transpose", "rows", [h], perm=[0, 2, 1])
    if act != "none":
        y = g.op(act, "act", [y])
    return g.model("x", [1, 3, side, side], y, opset=11), {}


def case_demod(cin: int, cout: int, k: int = 3) -> tuple[Any, dict[str, Any]]:
    """StyleGAN2's weight demodulation as torch dynamo exports it (unseen set 10's gen_stylegan2_modconv): a style
    [1, Cin] -> Add -> Unsqueeze to [1, 1, Cin, 1, 1] -> Mul with the weight [1, Cout, Cin, k, k] -> square ->
    ReduceSum over (2, 3, 4) -> Add eps -> Sqrt -> Reciprocal -> Mul with the modulated weight -> Reshape to
    [Cout, Cin, k, k] -> the Conv of a second input's map with that computed weight. Are the rank-5 Sqrt
    [1, Cout, 1, 1, 1] and the rank-5 Muls on the CPU? (With a constant map the toolkit's
    _p_convert_dynamic_weight_conv_to_static_weight failed wherever Cin != Cout, 2.3.2 on rk3588 and rk3576.)"""
    g = G(cin * 7 + cout + k)
    s = g.op("Add", "style", ["x", g.w(cin)])
    s5 = g.op("Unsqueeze", "style5", [s, g.ints(1, 3, 4)])
    w = g.op("Mul", "modulate", [g.w(1, cout, cin, k, k), s5])
    sq = g.op("ReduceSum", "sum", [g.op("Mul", "square", [w, w]), g.ints(2, 3, 4)], keepdims=1)
    d = g.op("Reciprocal", "rsqrt", [g.op("Sqrt", "sqrt", [g.op("Add", "eps", [sq, g.const(np.array(1e-8, np.float32))])])])
    wd = g.op("Reshape", "weight", [g.op("Mul", "demod", [w, d]), g.ints(cout, cin, k, k)])
    y = g.op("Conv", "conv", ["img", wd], pads=[k // 2] * 4)
    return g.model("x", [1, cin], y, opset=13, extra=(("img", 1, [1, cin, 8, 8]),)), {}


def case_gstd5(c: int, hw: int, after: str, groups: int = 32, w: int | None = None) -> tuple[Any, dict[str, Any]]:
    """A group standard deviation over a rank-5 view, as timm's EvoNorm-S0 exports it (unseen set 11's ResNetV2-50d-
    EvoNorm: 51 norms, about 100 CPU layers on rk3588 and 200 on rk3566 with 2.3.2, unpredicted but the Sqrt): Conv map
    [1, C, H, W] -> Reshape [1, G, C / G, H, W] -> Cast (to float) -> ReduceMean (2, 3, 4) -> Sub -> Mul (square) ->
    ReduceMean -> Add eps -> Sqrt (`after` "sqrt") or a Mul by 0.5 ("mul": an op the NPU runs) -> Div of the view by
    it -> Reshape back -> Conv. Which of the rank-5 statistics' producers get a CPU Reshape in front of the CPU Sqrt?
    `w` a map width other than its height `hw` (which of H, W, H * W decides the Cast / square Reshapes)."""
    g = G(c * 3 + hw + len(after) + groups + (7 * w if w else 0))
    w = w or hw
    x = conv(g, "pre", "x", 3, c)
    v = g.op("Cast", "cast", [g.op("Reshape", "view", [x, g.ints(1, groups, c // groups, hw, w)])], to=1)
    d = g.op("Sub", "center", [v, g.op("ReduceMean", "mean", [v], axes=[2, 3, 4], keepdims=1)])
    var = g.op("ReduceMean", "var", [g.op("Mul", "square", [d, d])], axes=[2, 3, 4], keepdims=1)
    e = g.op("Add", "eps", [var, g.const(np.array(1e-5, np.float32))])
    s_ = g.op("Sqrt", "std", [e]) if after == "sqrt" else g.op("Mul", "half", [e, g.const(np.array(0.5, np.float32))])
    y = g.op("Reshape", "back", [g.op("Div", "norm", [v, s_]), g.ints(1, c, hw, w)])
    return g.model("x", [1, 3, hw, w], conv(g, "post", y, c, c, k=1)), {}


def case_modw(cin: int, cout: int, k: int, rank: int = 5) -> tuple[Any, dict[str, Any]]:
    """StyleGAN2's toRGB modulation as torch dynamo exports it (unseen set 10's gen_stylegan2_modconv, no
    demodulation): a style [1, Cin] -> Add -> Unsqueeze to [1, 1, Cin, 1, 1] -> Mul of the constant weight
    [1, Cout, Cin, k, k] (first operand) by it -> Reshape to [Cout, Cin, k, k] -> the weight of a Conv of a second
    input's map. `rank` 4: the style Unsqueezed to [1, Cin, 1, 1] times the weight [Cout, Cin, k, k], no Reshape.
    Does the modulating Mul run on the CPU, and what decides it (k = 1, Cout, rank)?"""
    g = G(cin * 5 + cout + k + rank)
    s = g.op("Add", "style", ["x", g.w(cin)])
    if rank == 5:
        s5 = g.op("Unsqueeze", "style5", [s, g.ints(1, 3, 4)])
        wd = g.op("Reshape", "weight", [g.op("Mul", "modulate", [g.w(1, cout, cin, k, k), s5]), g.ints(cout, cin, k, k)])
    else:
        wd = g.op("Mul", "modulate", [g.w(cout, cin, k, k), g.op("Unsqueeze", "style4", [s, g.ints(2, 3)])])
    y = g.op("Conv", "conv", ["img", wd], pads=[k // 2] * 4)
    return g.model("x", [1, cin], y, opset=13, extra=(("img", 1, [1, cin, 8, 8]),)), {}


def case_sslice(src: str, n: int, c: int, step: int) -> tuple[Any, dict[str, Any]]:
    """A strided Slice over the rows of a rank-3 point cloud, as PointNet++'s centroid pick xyz[:, ::step] exports
    (unseen set 10's pc_pointnet2_ssg_knn: [1, 1024, 3] by 4, then that by 4 again): `src` "input", the graph input
    [1, N, C] (read by the Slice and a Transpose -> MatMul, as PointNet++ reads it); "add", a computed [1, N, C];
    "slice", the Slice of a Slice; "map", a Conv map [1, C, N, N] sliced over H. The slice -> Mul by itself ->
    ReduceSum over the last axis -> output."""
    g = G(n + c * 3 + step)
    big = 2 ** 62

    def strided(t: str, name: str, axis: int) -> str:
        return g.op("Slice", name, [t, g.ints(0), g.ints(big), g.ints(axis), g.ints(step)])

    if src == "map":
        h = conv(g, "pre", "x", c, c)
        s = strided(h, "pick", 2)
        y = conv(g, "post", s, c, c)
        return g.model("x", [1, c, n, n], y, opset=13), {}
    t = "x" if src == "input" else g.op("Add", "pre", ["x", g.w(1, n, c)])
    s = strided(t, "pick", 1)
    if src == "slice":
        s = strided(s, "pick2", 1)
    sq = g.op("Mul", "sq", [s, s])
    r = g.op("ReduceSum", "sum", [sq, g.ints(-1)], keepdims=1)
    d = g.op("MatMul", "dist", [s, g.op("Transpose", "xt", [t], perm=[0, 2, 1])])
    y = g.op("Add", "out", [d, r])
    return g.model("x", [1, n, c], y, opset=13), {}


def case_dupexp(same: bool, n: int = 256, c: int = 3) -> tuple[Any, dict[str, Any]]:
    """Two Expands of one int64 index tensor as PointNet++'s kNN grouping exports them (unseen set 10: TopK's indices
    -> Reshape -> Unsqueeze -> Expand to [-1, -1, 3] twice, each shape folded from its own ConstantOfShape / Equal /
    Where chain, each into a GatherElements of the points): the toolkit ran one Expand layer for both. `same` False:
    the second Expand widens to 2 * C (another shape). Points [1, N, C] (x), indices from TopK of -x @ x^T."""
    g = G(n + c + int(same))
    d = g.op("MatMul", "dist", ["x", g.w(c, n)])  # not x @ x^T: crash pattern matmul-self-transpose
    g.op("TopK", "knn", [d, g.ints(8)], axis=-1)
    g.nodes[-1].output.append("knn_i")
    flat = g.op("Unsqueeze", "flat", [g.op("Reshape", "rows", ["knn_i", g.ints(1, -1)]), g.ints(2)])

    def shape(k: int) -> str:
        ones = g.op("ConstantOfShape", f"ones{k}", [g.ints(3)], value=g.h.make_tensor("v", 7, [1], [1]))
        neg = g.op("Mul", f"neg{k}", [ones, g.const(np.array(-1, np.int64))])
        want = g.ints(-1, -1, c if k == 1 or same else 2 * c)
        eq = g.op("Equal", f"eq{k}", [want, neg])
        return g.op("Where", f"where{k}", [eq, ones, want])

    e1 = g.op("Expand", "exp1", [flat, shape(1)])
    e2 = g.op("Expand", "exp2", [flat, shape(2)])
    g1 = g.op("GatherElements", "take1", ["x", e1], axis=1)
    src2 = "x" if same else g.op("Concat", "xx", ["x", "x"], axis=2)
    g2 = g.op("GatherElements", "take2", [src2, e2], axis=1)
    if not same:
        g2 = g.op("Slice", "half", [g2, g.ints(0), g.ints(c), g.ints(2)])
    y = g.op("Add", "sum", [g1, g2])
    return g.model("x", [1, n, c], y, opset=13), {}


def case_dupop(op: str, c: int = 16, hw: int = 16) -> tuple[Any, dict[str, Any]]:
    """Two nodes computing the same thing from one Conv map [1, C, H, W], each read by its own consumer (`dupexp`'s
    question for float ops): `op` "Equal", the map compared with -1 twice (each constant stored apart, as MobileSAM's
    point labels, unseen set 10) -> Cast -> Mul into the map; "Slice", the first half of the channels twice -> a 1x1
    Conv each; "Sigmoid", twice -> Mul into the map; "ReduceMean", the mean over W twice -> Mul into the map. Does the
    toolkit keep one layer for both?"""
    from onnx import TensorProto

    g = G(c + hw + len(op))
    h = conv(g, "pre", "x", 3, c)
    outs = []
    for i in (1, 2):
        if op == "Equal":
            e = g.op("Equal", f"eq{i}", [h, g.const(np.array(-1.0, np.float32))])
            outs.append(g.op("Mul", f"use{i}", [h, g.op("Cast", f"cast{i}", [e], to=TensorProto.FLOAT)]))
        elif op == "ReduceMean":  # ECAPA-TDNN's attentive pooling takes the mean over T of one map twice
            outs.append(g.op("Mul", f"use{i}", [h, g.op(op, f"mean{i}", [h], axes=[3], keepdims=1)]))
        elif op == "Slice":
            sl = g.op("Slice", f"half{i}", [h, g.ints(0), g.ints(c // 2), g.ints(1)])
            outs.append(conv(g, f"use{i}", sl, c // 2, c, k=1))
        else:
            outs.append(g.op("Mul", f"use{i}", [h, g.op(op, f"act{i}", [h])]))
    y = g.op("Add", "sum", outs)
    return g.model("x", [1, 3, hw, hw], y, opset=13), {}


def case_dupidx(same: bool = True, n: int = 256) -> tuple[Any, dict[str, Any]]:
    """Two Muls of one int64 index tensor by the same constant, each into its own Add and Gather (calibration/
    issue_repros2.py i430_index_bilinear_gather: grid_sample written as indexing computes row * W once per corner,
    and with 2.3.2 the toolkit kept one CPU Mul layer for the two corners of a row on every family). Indices: TopK
    of a [1, n] input; `same` False: the second Mul by another constant (the control)."""
    g = G(n + 31 + int(same))
    g.op("TopK", "top", ["x", g.ints(8)], axis=-1)
    g.nodes[-1].output.append("top_i")
    table = g.w(1, n)
    outs = []
    for i in (1, 2):
        row = g.op("Mul", f"row{i}", ["top_i", g.const(np.array(16 if same or i == 1 else 17, np.int64))])
        idx = g.op("Add", f"index{i}", [row, g.const(np.array(i, np.int64))])
        outs.append(g.op("Gather", f"take{i}", [table, g.op("Clip", f"clip{i}", [idx, g.const(np.array(0, np.int64)),
                                                                                g.const(np.array(n - 1, np.int64))])],
                         axis=1))
    y = g.op("Add", "sum", outs)
    return g.model("x", [1, n], y, opset=13), {}


def case_pgather(k: int, n: int, d: int, wide: bool = False, two_ids: bool = False) -> tuple[Any, dict[str, Any]]:
    """`k` Gathers of constant tables [64, d] (axis 0) by one int64 index input [1, n] (a decoder step's rotary cos /
    sin tables read at its position ids, unseen set 11's llm_kv_cache_step), each [1, n, d] Mul-ed into x [1, n, d],
    summed. `wide`: the second table [64, 2 d] (its rows halved by a Slice before the Mul); `two_ids`: the second
    Gather reads an index input of its own (the control). 2.3.2's fuse pass remove_parallel_gather merged the two
    Gathers of llm_kv_cache_step into one layer named after the first: does it for any such pair?"""
    from onnx import TensorProto

    g = G(k * 100 + n + d + 7 * wide + 11 * two_ids)
    acc = "x"
    for i in range(k):
        width = 2 * d if wide and i == 1 else d
        ids = "ids2" if two_ids and i == 1 else "ids"
        t = g.op("Gather", f"gather{i}", [g.w(64, width), ids], axis=0)
        if width != d:
            t = g.op("Slice", f"half{i}", [t, g.ints(0), g.ints(d), g.ints(2)])
        acc = g.op("Mul", f"use{i}", [acc, t])
    extra = [("ids", TensorProto.INT64, [1, n])] + ([("ids2", TensorProto.INT64, [1, n])] if two_ids else [])
    return g.model("x", [1, n, d], acc, opset=13, extra=tuple(extra)), {}


def case_catpart(n: int, take: str = "gather", part: str = "const") -> tuple[Any, dict[str, Any]]:
    """torchvision's roi_align over a list of boxes (unseen set 8's two-stage box head): rois = Concat(zeros [N, 1],
    boxes [N, 4]) on axis 1, the batch indices taken back out of column 0 (`take` "gather": Gather [0] -> Squeeze, as
    torch.onnx writes it; "slice": Slice 0:1 -> Squeeze) -> Cast to int64, the boxes out of columns 1-4 (a Gather of
    [1, 2, 3, 4]) -> RoiAlign 7 x 7 of a Conv map [1, 16, 20, 20] -> Flatten -> Gemm. `part` "input": column 0 a graph
    input's [N, 1] instead of zeros (the control: the Cast's value is computed). With 2.3.2 the toolkit removed the
    Concat and the Split its Gathers became (remove_concat_split) and folded the zeros' Squeeze and Cast: is the Cast
    a layer?"""
    from onnx import TensorProto

    g = G(n + 3 * (take == "slice") + 5 * (part == "input"))
    fmap = conv(g, "feat", "x", 3, 16)
    head = g.const(np.zeros((n, 1), np.float32)) if part == "const" else "ids"
    rois = g.op("Concat", "rois", [head, "boxes"], axis=1)
    if take == "gather":
        col = g.op("Gather", "take_idx", [rois, g.ints(0)], axis=1)
    else:
        col = g.op("Slice", "take_idx", [rois, g.ints(0), g.ints(1), g.ints(1)])
    idx = g.op("Cast", "idx_i64", [g.op("Squeeze", "idx_sq", [col, g.ints(1)])], to=TensorProto.INT64)
    box = g.op("Gather", "take_box", [rois, g.ints(1, 2, 3, 4)], axis=1)
    r = g.op("RoiAlign", "roi", [fmap, box, idx], output_height=7, output_width=7, spatial_scale=0.25)
    y = g.op("Gemm", "fc", [g.op("Flatten", "flat", [r], axis=1), g.w(64, 16 * 49)], transB=1)
    extra = [("boxes", TensorProto.FLOAT, [n, 4])] + ([("ids", TensorProto.FLOAT, [n, 1])] if part == "input" else [])
    return g.model("x", [1, 3, 20, 20], y, opset=16, extra=tuple(extra)), {}


def case_dlin(t: int, c: int, k: int = 25) -> tuple[Any, dict[str, Any]]:
    """DLinear's series decomposition on a rank-3 graph input x[1, T, C] (unseen set 12, dynamo): the moving average
    pads x by repeating its first and last rows (Slice -> Expand -> Tile to (k - 1) / 2 rows, Concat on axis 1),
    Transpose -> AveragePool k -> Transpose is the trend, x - trend the season; each Transposed to [1, C, T] through a
    Linear T -> 96, summed. Does the toolkit put the Reshape it adds on the input (`Reshape:<input>_rs`) on the CPU
    when Slices, a Concat and a Sub read the input, and by C (rk3588 2.3.2 did at C = 7)?"""
    g = G(t * 3 + c + k)
    half = (k - 1) // 2
    ends = []
    for i, (a, b) in enumerate(((0, 1), (t - 1, t))):
        e = g.op("Slice", f"end{i}", ["x", g.ints(a), g.ints(b), g.ints(1)])
        e = g.op("Expand", f"exp{i}", [e, g.ints(1, 1, c)])
        ends.append(g.op("Tile", f"rep{i}", [e, g.ints(1, half, 1)]))
    h = g.op("Concat", "padded", [ends[0], "x", ends[1]], axis=1)
    h = g.op("Transpose", "tin", [h], perm=[0, 2, 1])
    h = g.op("AveragePool", "avg", [h], kernel_shape=[k], strides=[1])
    trend = g.op("Transpose", "tout", [h], perm=[0, 2, 1])
    season = g.op("Sub", "season", ["x", trend])
    outs = [g.op("MatMul", f"lin_{n}", [g.op("Transpose", f"t_{n}", [v], perm=[0, 2, 1]), g.w(t, 96)])
            for n, v in (("trend", trend), ("season", season))]
    return g.model("x", [1, t, c], g.op("Add", "sum", outs), opset=13), {}


def case_tilebc(shape: tuple[int, ...], reps: tuple[int, ...], ones_expand: bool = False) -> tuple[Any, dict[str, Any]]:
    """A Tile of a computed tensor (x + b) by constant `reps`, then a MatMul (rank 3) or a 1x1 Conv (rank 4): an LSTM
    autoencoder's repeat of its code over the time steps ([1, 1, 32] by [1, 60, 1], unseen set 10's
    ts_lstm_autoencoder, as torch.onnx writes `x.repeat`: behind an Expand by a ConstantOfShape of ones, `ones_expand`)
    where every tiled axis is 1 (the toolkit's _p_convert_tile_to_expand), or tiling axes of other sizes."""
    g = G(sum(shape) + sum(reps) + int(ones_expand))
    t = g.op("Add", "pre", ["x", g.w(*shape)])
    if ones_expand:
        ones = g.op("ConstantOfShape", "ones", [g.ints(len(shape))], value=g.h.make_tensor("v", 7, [1], [1]))
        t = g.op("Expand", "noop", [t, ones])
    y = g.op("Tile", "tile", [t, g.ints(*reps)])
    c = shape[-1] if len(shape) == 3 else shape[1]
    y = g.op("MatMul", "post", [y, g.w(c, c)]) if len(shape) == 3 else conv(g, "post", y, c, c, k=1)
    return g.model("x", list(shape), y, opset=12), {}


def case_i64in(form: str, n: int, d: int = 64) -> tuple[Any, dict[str, Any]]:
    """An int64 graph input ids [1, N] as text encoders read it, next to a float token input x [1, N, D]: `form`
    "gather", only an embedding Gather reads it (added to x); "argmax", CLIP's pooling too (ArgMax over the ids ->
    Gather of that row of the Flattened tokens); "mask2", BERT's attention mask (Unsqueeze(1) -> Unsqueeze(2) -> Cast
    -> (1 - m) * -1e4 added to the scores [1, 1, N, N] of x @ x^T -> Softmax); "mask1", the mask Unsqueezed once
    ([1, 1, N]) onto rank-3 scores; "outer", DeBERTa-v2's mask (Unsqueeze(1) -> Unsqueeze(2) [1, 1, 1, N], times
    itself Squeezed on axis 2 and Unsqueezed on the last, an int64 Mul to [1, 1, N, N] -> Cast to bool -> Not -> Where
    -1e4 over the scores). Unseen set 10's CLIP put a CPU Reshape on its ids (`Reshape:text_rs`, every family),
    BERT-tiny the mask's Unsqueezes ('Reshape:/Unsqueeze_1_2rs'), unseen set 17's DeBERTa-v2 the second Unsqueeze and
    the one after the Squeeze."""
    from onnx import TensorProto

    g = G(n + d + len(form))
    emb = g.op("Gather", "emb", [g.w(1000, d), "ids"])
    t = g.op("Add", "tok", ["x", emb] if form in ("gather", "argmax") else ["x", g.w(1, n, d)])
    if form == "gather":
        y = t
    elif form == "argmax":
        am = g.op("ArgMax", "eot", ["ids"], axis=-1, keepdims=0)
        y = g.op("Gather", "pool", [g.op("Reshape", "rows", [t, g.ints(n, d)]), am], axis=0)
    else:
        k = g.op("Transpose", "tt", [g.op("Add", "key", [t, g.w(d)])], perm=[0, 2, 1])
        sc = g.op("MatMul", "scores", [t, k])  # not t @ t^T: crash pattern matmul-self-transpose
        m = g.op("Unsqueeze", "m1", ["ids"], axes=[1])
        if form == "outer":
            m = g.op("Unsqueeze", "m2", [m], axes=[2])
            col = g.op("Unsqueeze", "m4", [g.op("Squeeze", "m3", [m], axes=[2])], axes=[3])
            keep = g.op("Cast", "mb", [g.op("Mul", "mouter", [m, col])], to=TensorProto.BOOL)
            sc = g.op("Unsqueeze", "sc4", [sc], axes=[1])
            y = g.op("Softmax", "attn", [g.op("Where", "masked", [g.op("Not", "mnot", [keep]),
                                                                  g.const(np.array(-1e4, np.float32)), sc])], axis=-1)
            return g.model("x", [1, n, d], y, opset=12, extra=(("ids", TensorProto.INT64, [1, n]),)), {}
        if form == "mask2":
            sc = g.op("Unsqueeze", "sc4", [sc], axes=[1])
            m = g.op("Unsqueeze", "m2", [m], axes=[2])
        m = g.op("Cast", "mf", [m], to=TensorProto.FLOAT)
        m = g.op("Mul", "mneg", [g.op("Sub", "minv", [g.const(np.array(1.0, np.float32)), m]),
                                 g.const(np.array(-1e4, np.float32))])
        y = g.op("Softmax", "attn", [g.op("Add", "masked", [sc, m])], axis=-1)
    return g.model("x", [1, n, d], y, opset=12, extra=(("ids", TensorProto.INT64, [1, n]),)), {}


def case_idsin(form: str, n: int, k: int = 8, d: int = 64) -> tuple[Any, dict[str, Any]]:
    """An int64 graph input as Hugging Face text / markup encoders read it, next to float tokens x [1, N, D]: `form`
    "eqmask", token ids [1, N] into an embedding Gather and an Equal with the pad id whose bool mask a Where turns
    into -1e4 on the scores [1, N, N] of x @ (x + b)^T (FastSpeech2's / nn.MultiheadAttention's key padding mask);
    "eqpos", the ids into an embedding Gather and an Equal -> Not -> Cast -> CumSum -> Mul -> Cast -> Add that makes
    the position ids of a second Gather (RoBERTa / MPNet / MarkupLM's create_position_ids_from_input_ids);
    "reshape", the ids Reshaped to [-1, N] before the Gather; "rsargmax", that Reshape read by the Gather and, through
    a Cast to int32 and back, by the ArgMax of CLIP's pooling (unseen set 20's CLIPSeg); "xpath",
    an int64 [1, N, K] whose K columns each feed a Gather (axis 2, one constant index) into its own embedding table,
    Concat-ed and projected (MarkupLM's xpath tags / subscripts); "rcast", an int64 mask [1, N] Reshaped to [1, 1, N]
    and Cast to float (a MaxPool reads it) and Cast to bool for the Where on the scores (CANINE as dynamo writes it).
    Unseen set 20 put a CPU Reshape `Reshape:<input>_rs` on the ids / mask / xpath inputs of those models."""
    from onnx import TensorProto

    g = G(n + k + d + len(form))
    x = "x"
    if form in ("eqmask", "eqpos", "reshape", "rsargmax"):
        ids = g.op("Reshape", "ids_rows", ["ids", g.ints(-1, n)]) if form in ("reshape", "rsargmax") else "ids"
        t = g.op("Add", "tok", [x, g.op("Gather", "emb", [g.w(1000, d), ids])])
        if form == "rsargmax":  # CLIP's pooling: the row of the ids' ArgMax (cast to int32 and back, as exported)
            am = g.op("ArgMax", "eot", [g.op("Cast", "ids_l", [g.op("Cast", "ids_i", [ids], to=TensorProto.INT32)],
                                              to=TensorProto.INT64)], axis=-1, keepdims=0)
            y = g.op("Gather", "pool", [g.op("Reshape", "rows", [t, g.ints(n, d)]), am], axis=0)
        elif form == "eqpos":
            keep = g.op("Not", "keep", [g.op("Equal", "is_pad", ["ids", g.ints(1)])])
            m = g.op("Cast", "keep_i", [keep], to=TensorProto.INT32)
            pos = g.op("Mul", "pos_m", [g.op("CumSum", "pos_c", [m, g.const(np.array(1, np.int32))]), m])
            pos = g.op("Add", "pos_id", [g.op("Cast", "pos_l", [pos], to=TensorProto.INT64), g.ints(1)])
            y = g.op("Add", "pos_add", [t, g.op("Gather", "pos_emb", [g.w(n + 2, d), pos])])
        else:
            y = t
        if form == "eqmask":
            k_ = g.op("Transpose", "tt", [g.op("Add", "key", [t, g.w(d)])], perm=[0, 2, 1])
            sc = g.op("MatMul", "scores", [t, k_])
            pad = g.op("Unsqueeze", "pad1", [g.op("Equal", "is_pad", ["ids", g.ints(0)]), g.ints(1)])
            neg = g.op("Where", "pad_neg", [pad, g.const(np.array(-1e4, np.float32)), g.const(np.array(0, np.float32))])
            y = g.op("Softmax", "attn", [g.op("Add", "masked", [sc, neg])], axis=-1)
        extra = (("ids", TensorProto.INT64, [1, n]),)
    elif form == "xpath":
        cols = [g.op("Gather", f"emb{i}", [g.w(256, 16), g.op("Gather", f"col{i}", ["xp", g.const(np.array(i, np.int64))],
                                                                 axis=2)]) for i in range(k)]
        cat = g.op("Concat", "xp_cat", cols, axis=-1)
        y = g.op("Add", "tok", [x, g.op("MatMul", "xp_proj", [cat, g.w(16 * k, d)])])
        extra = (("xp", TensorProto.INT64, [1, n, k]),)
    else:  # rcast
        mf = g.op("Cast", "mask_f", [g.op("Reshape", "mask_view", ["mask", g.ints(1, 1, n)])], to=TensorProto.FLOAT)
        pooled = g.op("MaxPool", "mask_pool", [mf], kernel_shape=[4], strides=[4])
        t = g.op("Add", "tok", [x, g.w(1, n, d)])
        k_ = g.op("Transpose", "tt", [g.op("Add", "key", [t, g.w(d)])], perm=[0, 2, 1])
        sc = g.op("MatMul", "scores", [t, k_])
        mb = g.op("Unsqueeze", "mask_b", [g.op("Cast", "mask_bool", ["mask"], to=TensorProto.BOOL), g.ints(1)])
        sc = g.op("Where", "masked", [mb, sc, g.const(np.array(-1e4, np.float32))])
        att = g.op("Softmax", "attn", [sc], axis=-1)
        y = g.op("Add", "pool_add", [g.op("ReduceMean", "att_mean", [att], axes=[1], keepdims=1),
                                     g.op("ReduceMax", "pool_max", [pooled], axes=[2], keepdims=1)])
        extra = (("mask", TensorProto.INT64, [1, n]),)
    return g.model("x", [1, n, d], y, opset=13, extra=extra), {}


def case_dbmask(form: str, n: int, d: int = 64) -> tuple[Any, dict[str, Any]]:
    """DeBERTa-v2's attention mask as torch.onnx writes it (unseen set 17), an int64 mask [1, N] (a graph input, next
    to float tokens x [1, N, D]) worked in int64: Unsqueeze(1) -> Unsqueeze(2) [1, 1, 1, N]; Squeeze(-2) ->
    Unsqueeze(-1) [1, 1, N, 1]; their product (Mul, int64) -> Cast to bool -> Not -> Where(-1e4) on the scores of
    x @ (x + b)^T -> Softmax; and the embeddings' Unsqueeze(2) [1, N, 1] -> Cast to float -> Mul with x. `form`
    "deberta" as exported, "direct" the column made by Unsqueeze(-1) of the first Unsqueeze (no Squeeze), "noemb"
    without the embeddings' mask. Which of the int64 Unsqueezes / Squeeze get a CPU layer, and whose name?"""
    from onnx import TensorProto

    g = G(n + d + len(form))
    x = "x"
    if form != "noemb":
        e = g.op("Cast", "emb_f", [g.op("Unsqueeze", "emb_unsq", ["mask", g.ints(2)])], to=TensorProto.FLOAT)
        x = g.op("Mul", "emb_mul", [x, e])
    row = g.op("Unsqueeze", "row1", ["mask", g.ints(1)])
    m1 = g.op("Unsqueeze", "row2", [row, g.ints(2)])
    col = row if form == "direct" else g.op("Squeeze", "col_sq", [m1, g.ints(-2)])
    m2 = g.op("Unsqueeze", "col_unsq", [col, g.ints(-1)])
    keep = g.op("Not", "pad", [g.op("Cast", "keep_b", [g.op("Mul", "pair", [m1, m2])], to=TensorProto.BOOL)])
    k_ = g.op("Transpose", "tt", [g.op("Add", "key", [x, g.w(d)])], perm=[0, 2, 1])
    sc = g.op("Reshape", "sc4", [g.op("MatMul", "scores", [x, k_]), g.ints(1, 1, n, n)])
    sc = g.op("Where", "masked", [keep, g.const(np.array(-1e4, np.float32)), sc])
    att = g.op("Reshape", "att3", [g.op("Softmax", "attn", [sc], axis=-1), g.ints(1, n, n)])
    y = g.op("MatMul", "ctx", [att, x])
    return g.model("x", [1, n, d], y, opset=13, extra=(("mask", TensorProto.INT64, [1, n]),)), {}


def case_posin(form: str, t: int = 128, d: int = 64) -> tuple[Any, dict[str, Any]]:
    """A decoder step's int64 position input [1] (a rank-1 graph input, next to the float token x [1, 1, D]) as a
    static-KV-cache Llama step reads it: `form` "rope", two Gathers of constant cos / sin tables [T, D] at the position
    (x * cos + x * sin); "mask", a LessOrEqual of the constant slot indices [T] with it whose Where makes the -1e4 mask
    on the scores [1, 1, T] of x @ K -> Softmax; "both", the two. Unseen set 22's static-KV Llama step got a CPU
    `Reshape:position_rs` on every family built."""
    from onnx import TensorProto

    g = G(t + d + len(form) + 7)
    ys = []
    if form in ("rope", "both"):
        cos = g.op("Gather", "cos", [g.w(t, d), "position"], axis=0)
        sin = g.op("Gather", "sin", [g.w(t, d), "position"], axis=0)
        ys.append(g.op("Add", "rot", [g.op("Mul", "xc", ["x", cos]), g.op("Mul", "xs", ["x", sin])]))
    if form in ("mask", "both"):
        le = g.op("LessOrEqual", "visible", [g.const(np.arange(t, dtype=np.int64)), "position"])
        neg = g.op("Where", "mask", [le, g.const(np.array(0, np.float32)), g.const(np.array(-1e4, np.float32))])
        sc = g.op("Add", "masked", [g.op("MatMul", "scores", ["x", g.w(d, t)]), neg])
        ys.append(g.op("MatMul", "ctx", [g.op("Softmax", "attn", [sc], axis=-1), g.w(t, d)]))
    y = ys[0] if len(ys) == 1 else g.op("Add", "out", ys)
    return g.model("x", [1, 1, d], y, opset=13, extra=(("position", TensorProto.INT64, [1]),)), {}


def case_maskcast(n: int, to: str = "bool", d: int = 64) -> tuple[Any, dict[str, Any]]:
    """An int64 attention mask [1, N] (a graph input, next to float tokens x [1, N, D]) Cast directly (`to` "bool":
    as transformers' SDPA mask, Cast -> Unsqueeze(1) -> Where(m, scores, -1e4); "float": Cast -> Unsqueeze(1) ->
    (1 - m) * -1e4 added) onto the scores [1, N, N] of x @ (x + b)^T -> Softmax. Unseen set 15's DistilBERT and
    MobileBERT put a CPU Reshape on the mask (`Reshape:attention_mask_rs`) and their Cast to bool on the CPU on every
    family, where the probe's Cast of a float map to bool ran on the NPU on rk3576, rv1106. "booland": the bool mask
    And-ed with a constant causal mask before the Where."""
    from onnx import TensorProto

    g = G(n + d + len(to) + 3)
    t = g.op("Add", "tok", ["x", g.w(1, n, d)])
    k = g.op("Transpose", "tt", [g.op("Add", "key", [t, g.w(d)])], perm=[0, 2, 1])
    sc = g.op("MatMul", "scores", [t, k])
    m = g.op("Cast", "mcast", ["mask"], to=TensorProto.FLOAT if to == "float" else TensorProto.BOOL)
    m = g.op("Unsqueeze", "m1", [m, g.ints(1)])
    if to == "booland":  # and-ed with a causal mask first (MobileBERT's bitwise_and): no masked-Softmax fusion
        tril = g.const(np.tril(np.ones((1, n, n), bool)))
        m = g.op("And", "mand", [m, tril])
    if to in ("bool", "booland"):
        sc = g.op("Where", "masked", [m, sc, g.const(np.array(-1e4, np.float32))])
    else:
        neg = g.op("Mul", "mneg", [g.op("Sub", "minv", [g.const(np.array(1.0, np.float32)), m]),
                                   g.const(np.array(-1e4, np.float32))])
        sc = g.op("Add", "masked", [sc, neg])
    y = g.op("Softmax", "attn", [sc], axis=-1)
    return g.model("x", [1, n, d], y, opset=13, extra=(("mask", TensorProto.INT64, [1, n]),)), {}


def case_maskgnd(n: int, heads: int = 4, d: int = 32) -> tuple[Any, dict[str, Any]]:
    """An int64 attention mask [1, N] as torch.export (dynamo) writes Hugging Face MobileBERT's (unseen set 15): Cast to
    bool -> GatherND with constant indices [1, 1, 1, N, 2] (mask[0, j]) -> [1, 1, 1, N] -> And with a constant [1, 1,
    N, 1] -> Where(., 0, -1e4) -> added to the heads' scores [1, h, N, N] -> Softmax. 2.3.2 put a CPU Reshape on the
    mask (as on `maskcast`'s Cast -> Unsqueeze), 2.5.0 on rk3588 / rk3566 swapped the Cast behind the GatherND and
    put none on the input: is it the GatherND reading the Cast?"""
    from onnx import TensorProto

    g = G(n * 3 + heads + d)
    t = g.op("Add", "tok", ["x", g.w(1, n, heads * d)])
    q = g.op("Transpose", "q_tp", [g.op("Reshape", "q_rs", [t, g.ints(1, n, heads, d)])], perm=[0, 2, 1, 3])
    k = g.op("Transpose", "k_tp", [g.op("Reshape", "k_rs", [g.op("Add", "key", [t, g.w(heads * d)]),
                                                             g.ints(1, n, heads, d)])], perm=[0, 2, 3, 1])
    sc = g.op("MatMul", "scores", [q, k])
    m = g.op("Cast", "mcast", ["mask"], to=TensorProto.BOOL)
    idx = np.stack([np.zeros(n, np.int64), np.arange(n, dtype=np.int64)], -1).reshape(1, 1, 1, n, 2)
    m = g.op("GatherND", "mgather", [m, g.const(idx)])
    m = g.op("And", "mand", [g.const(np.ones((1, 1, n, 1), bool)), m])
    m = g.op("Where", "mwhere", [m, g.const(np.array(0.0, np.float32)), g.const(np.array(-1e4, np.float32))])
    y = g.op("Softmax", "attn", [g.op("Add", "masked", [sc, m])], axis=-1)
    return g.model("x", [1, n, heads * d], y, opset=14, extra=(("mask", TensorProto.INT64, [1, n]),)), {}


def case_infmask(n: int, heads: int, fill: str, safe: bool = True, layers: int = 1, d: int = 64
                 ) -> tuple[Any, dict[str, Any]]:
    """The attention mask as torch.onnx (TorchScript) writes Hugging Face DistilBERT / RoBERTa / Pix2Struct with
    transformers 5 (unseen sets 15, 16, 19): an int64 mask [1, N] -> Cast to bool -> Unsqueeze to [1, 1, 1, N] ->
    Expand to [1, 1, N, N] -> Where(mask, 0, `fill`) -> added to each layer's scores q @ k^T [1, h, N, N] -> Softmax
    (`safe`: -> Where(IsNaN(p), 0, p)) -> @ v. `fill`: `inf` (-inf, as TorchScript writes it), `min` (the float
    minimum, as torch.export writes MobileBERT / ALBERT's), `1e4`; `layers` > 1: a Where of its own per layer (as
    TorchScript) reading the one Expand. On rv1106 int8 the Softmax of DistilBERT / RoBERTa / Pix2Struct ran on the CPU,
    MobileBERT's / ALBERT's (the float minimum) on the NPU: is it the -inf?"""
    from onnx import TensorProto

    g = G(n * 3 + heads * 17 + len(fill) + 5 * safe + 7 * layers + d)
    c = heads * d
    m = g.op("Cast", "mcast", ["mask"], to=TensorProto.BOOL)
    m = g.op("Unsqueeze", "munsq", [m, g.ints(1, 2)])
    m = g.op("Expand", "mexp", [m, g.ints(1, 1, n, n)])
    val = {"inf": -np.inf, "min": float(np.finfo(np.float32).min), "1e4": -1e4}[fill]
    t = g.op("Add", "tok", ["x", g.w(c)])
    for i in range(layers):
        q = g.op("Transpose", f"q_tp{i}", [g.op("Reshape", f"q_rs{i}", [g.op("MatMul", f"q{i}", [t, g.w(c, c)]),
                                                                        g.ints(1, n, heads, d)])], perm=[0, 2, 1, 3])
        k = g.op("Transpose", f"k_tp{i}", [g.op("Reshape", f"k_rs{i}", [g.op("MatMul", f"k{i}", [t, g.w(c, c)]),
                                                                        g.ints(1, n, heads, d)])], perm=[0, 2, 3, 1])
        v = g.op("Transpose", f"v_tp{i}", [g.op("Reshape", f"v_rs{i}", [g.op("MatMul", f"v{i}", [t, g.w(c, c)]),
                                                                        g.ints(1, n, heads, d)])], perm=[0, 2, 1, 3])
        sc = g.op("Div", f"scale{i}", [g.op("MatMul", f"qk{i}", [q, k]), g.const(np.array(d ** 0.5, np.float32))])
        w = g.op("Where", f"mwhere{i}", [m, g.const(np.array(0.0, np.float32)), g.const(np.array(val, np.float32))])
        a = g.op("Softmax", f"softmax{i}", [g.op("Add", f"masked{i}", [sc, w])], axis=-1)
        if safe:
            a = g.op("Where", f"safe{i}", [g.op("IsNaN", f"isnan{i}", [a]), g.const(np.array(0.0, np.float32)), a])
        o = g.op("Reshape", f"o_rs{i}", [g.op("Transpose", f"o_tp{i}", [g.op("MatMul", f"av{i}", [a, v])],
                                              perm=[0, 2, 1, 3]), g.ints(1, n, c)])
        t = g.op("Add", f"res{i}", [t, g.op("MatMul", f"o{i}", [o, g.w(c, c)])])
    return g.model("x", [1, n, c], t, opset=14, extra=(("mask", TensorProto.INT64, [1, n]),)), {}


def case_maskflat(n: int, heads: int, form: str, d: int = 32, and_: bool = False) -> tuple[Any, dict[str, Any]]:
    """An int64 attention mask [1, N] Cast to bool and laid out to [1, 1, 1, N] before the Where that makes the additive
    mask (Where(m, 0, -1e4) added to the scores q @ k^T [1, h, N, N] -> Softmax -> @ v). `form` "flatgather": as
    TorchScript writes transformers 5's RoBERTa / SqueezeBERT (unseen sets 15, 16): Flatten(axis 2) [N, 1] -> Gather
    of constant indices [1, 1, 1, N] -> Reshape [N] -> Reshape [1, 1, 1, N]; "reshape4": one Reshape [1, 1, 1, N];
    "unsq4": Unsqueeze(1, 2). RoBERTa's builds named the int64 input's CPU Reshape after the chain's last Reshape
    (`Reshape:/m/Reshape_1`, the Cast behind it), where maskcast / infmask's Unsqueeze left it `<input>_rs`: which
    layout chains take the input's Reshape? `and_`: the laid-out mask then Cast to bool again and And-ed with a
    constant [1, 1, N, 1] of trues, as RoBERTa has it (the And on the CPU there)."""
    from onnx import TensorProto

    c = heads * d
    g = G(n * 5 + heads * 11 + len(form) * 7 + d)
    m = g.op("Cast", "mcast", ["mask"], to=TensorProto.BOOL)
    if form == "flatgather":
        m = g.op("Flatten", "mflat", [m], axis=2)
        m = g.op("Gather", "mgather", [m, g.const(np.arange(n, dtype=np.int64).reshape(1, 1, 1, n))], axis=0)
        m = g.op("Reshape", "mrs0", [m, g.ints(n)])
        m = g.op("Reshape", "mrs1", [m, g.ints(1, 1, 1, n)])
    elif form == "reshape4":
        m = g.op("Reshape", "mrs1", [m, g.ints(1, 1, 1, n)])
    else:
        m = g.op("Unsqueeze", "munsq", [m, g.ints(1, 2)])
    if and_:  # RoBERTa's: a bool no-op Cast, And with a constant [1, 1, N, 1] of trues (the map [1, 1, N, N])
        m = g.op("And", "mand", [g.const(np.ones((1, 1, n, 1), bool)), g.op("Cast", "mcast2", [m], to=TensorProto.BOOL)])
    w = g.op("Where", "mwhere", [m, g.const(np.array(0.0, np.float32)), g.const(np.array(-1e4, np.float32))])
    t = g.op("MatMul", "front", ["x", g.w(c, c)])

    def heads_of(tag: str, perm: list[int]) -> str:
        return g.op("Transpose", f"{tag}_tp", [g.op("Reshape", f"{tag}_rs", [g.op("MatMul", tag, [t, g.w(c, c)]),
                                                                           g.ints(1, n, heads, d)])], perm=perm)

    q, k, v = heads_of("q", [0, 2, 1, 3]), heads_of("k", [0, 2, 3, 1]), heads_of("v", [0, 2, 1, 3])
    a = g.op("Softmax", "softmax", [g.op("Add", "masked", [g.op("MatMul", "qk", [q, k]), w])], axis=-1)
    o = g.op("Reshape", "o_rs", [g.op("Transpose", "o_tp", [g.op("MatMul", "av", [a, v])], perm=[0, 2, 1, 3]),
                                 g.ints(1, n, c)])
    y = g.op("Add", "res", [t, g.op("MatMul", "o", [o, g.w(c, c)])])
    return g.model("x", [1, n, c], y, opset=14, extra=(("mask", TensorProto.INT64, [1, n]),)), {}


def case_mitffn(c: int, h: int, w: int) -> tuple[Any, dict[str, Any]]:
    """A Mix Transformer stage as torch.export (dynamo) writes SegFormer / GLPN's (unseen sets 16 and 18): a Conv map
    [1, C, H, W] -> Reshape [1, C, H * W] -> Transpose -> LayerNorm -> fc1 (C -> 4C) -> Transpose -> Reshape to the map
    -> depthwise 3x3 Conv -> Reshape [1, 4C, H * W] -> Transpose -> Relu -> fc2 -> + the tokens -> LayerNorm ->
    Reshape [1, H, W, C] -> Transpose(0, 3, 1, 2) -> Conv (the Reshapes with allowzero 1, as dynamo writes them). On
    rv1106 int8 the Reshapes of the 128 x 128 and 88 x 120 stage-0 maps ran on the CPU, the 64 x 64 stage's on the
    NPU: from which H * W?"""
    g = G(c * 7 + h * 3 + w)
    n, e = h * w, 4 * c
    x = g.op("Conv", "embed", ["x", g.w(c, 8, 1, 1), g.w(c)], kernel_shape=[1, 1])
    t = g.op("Transpose", "tok_tp", [g.op("Reshape", "tok_rs", [x, g.ints(1, c, n)], allowzero=1)], perm=[0, 2, 1])
    t = g.op("LayerNormalization", "ln0", [t, g.w(c), g.w(c)], axis=-1, epsilon=1e-6)
    f = g.op("Add", "fc1", [g.op("MatMul", "fc1_mm", [t, g.w(c, e)]), g.w(e)])
    f = g.op("Reshape", "map_rs", [g.op("Transpose", "map_tp", [f], perm=[0, 2, 1]), g.ints(1, e, h, w)], allowzero=1)
    f = g.op("Conv", "dw", [f, g.w(e, 1, 3, 3), g.w(e)], kernel_shape=[3, 3], pads=[1, 1, 1, 1], group=e)
    f = g.op("Transpose", "back_tp", [g.op("Reshape", "back_rs", [f, g.ints(1, e, n)], allowzero=1)], perm=[0, 2, 1])
    f = g.op("Add", "fc2", [g.op("MatMul", "fc2_mm", [g.op("Relu", "act", [f]), g.w(e, c)]), g.w(c)])
    t = g.op("LayerNormalization", "ln1", [g.op("Add", "res", [t, f]), g.w(c), g.w(c)], axis=-1, epsilon=1e-6)
    y = g.op("Transpose", "out_tp", [g.op("Reshape", "out_rs", [t, g.ints(1, h, w, c)], allowzero=1)], perm=[0, 3, 1, 2])
    y = g.op("Conv", "next", [y, g.w(c, c, 1, 1), g.w(c)], kernel_shape=[1, 1])
    return g.model("x", [1, 8, h, w], y, opset=18), {}


def case_wide1_ln(n: int, t: int, c: int = 384) -> tuple[Any, dict[str, Any]]:
    """A decoder's vocabulary head as unseen set 18's Whisper-like decoder step has it: tokens x [1, T, C] (a graph
    input) -> Add -> LayerNormalization -> MatMul [C, N] without a bias -> the output [1, T, N]."""
    g = G(n + 7 * t + c)
    h = g.op("Add", "front", ["x", g.w(c)])
    h = g.op("LayerNormalization", "norm", [h, g.w(c), g.w(c)], axis=-1, epsilon=1e-5)
    return g.model("x", [1, t, c], g.op("MatMul", "fc", [h, g.w(c, n)]), opset=17), {}


def case_maskidx(n: int, form: str = "idx", heads: int = 4, d: int = 32, pooled: bool = False
                 ) -> tuple[Any, dict[str, Any]]:
    """An int64 attention mask [1, N] as transformers 5 writes it for TorchScript (unseen sets 16 / 17's SqueezeBERT
    and RoBERTa): Cast to bool -> Flatten(axis 2) [N, 1] -> Gather(axis 0) by constant indices [1, 1, 1, N] (the
    batch's row) -> Reshape [-1] -> Reshape [1, 1, 1, N] -> Cast to bool -> And with a constant [1, 1, N, 1] -> Expand
    [1, 1, N, N] -> Where(., 0, -big) -> added to the heads' scores [1, h, N, N] -> Softmax. Those exports put the
    last Reshape (not a Reshape on the mask, as `maskcast`'s Cast -> Unsqueeze) on the CPU on every family. `form`
    "idx": that chain; "flat": without the Gather (Cast -> Flatten -> Reshape -> Reshape); "unsq": Cast -> Unsqueeze
    twice (the same [1, 1, 1, N]) with the rest of the chain: which of them moves the CPU layer off the input?
    `pooled`: a BERT pooler's second graph output (RoBERTa and SqueezeBERT have one, RoFormer / RemBERT / ConvBERT not)."""
    from onnx import TensorProto

    g = G(n * 5 + heads + d + len(form))
    t = g.op("Add", "tok", ["x", g.w(1, n, heads * d)])
    q = g.op("Transpose", "q_tp", [g.op("Reshape", "q_rs", [t, g.ints(1, n, heads, d)])], perm=[0, 2, 1, 3])
    k = g.op("Transpose", "k_tp", [g.op("Reshape", "k_rs", [g.op("Add", "key", [t, g.w(heads * d)]),
                                                             g.ints(1, n, heads, d)])], perm=[0, 2, 3, 1])
    v = g.op("Transpose", "v_tp", [g.op("Reshape", "v_rs", [g.op("Add", "val", [t, g.w(heads * d)]),
                                                             g.ints(1, n, heads, d)])], perm=[0, 2, 1, 3])
    sc = g.op("MatMul", "scores", [q, k])
    m = g.op("Cast", "mcast", ["mask"], to=TensorProto.BOOL)
    if form == "unsq":
        m = g.op("Unsqueeze", "m_unsq", [m, g.ints(1)])
        m = g.op("Unsqueeze", "m_unsq2", [m, g.ints(1)])
    else:
        m = g.op("Flatten", "mflat", [m], axis=2)
        if form == "idx":
            m = g.op("Gather", "mgather", [m, g.const(np.arange(n, dtype=np.int64).reshape(1, 1, 1, n))], axis=0)
        m = g.op("Reshape", "m_rs", [m, g.ints(-1)])
        m = g.op("Reshape", "m_rs1", [m, g.ints(1, 1, 1, n)])
    m = g.op("Cast", "mcast2", [m], to=TensorProto.BOOL)
    m = g.op("And", "mand", [g.const(np.ones((1, 1, n, 1), bool)), m])
    m = g.op("Expand", "mexp", [m, g.ints(1, 1, n, n)])
    m = g.op("Where", "mwhere", [m, g.const(np.array(0.0, np.float32)), g.const(np.array(-3.4e38, np.float32))])
    a = g.op("Softmax", "attn", [g.op("Add", "masked", [sc, m])], axis=-1)
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "ctx", [a, v])], perm=[0, 2, 1, 3])
    y = g.op("MatMul", "out", [g.op("Reshape", "o_rs", [o, g.ints(1, n, heads * d)]), g.w(heads * d, heads * d)])
    if not pooled:
        return g.model("x", [1, n, heads * d], y, opset=13, extra=(("mask", TensorProto.INT64, [1, n]),)), {}
    return _with_pooler(g, y, n, heads * d), {}


def _with_pooler(g: G, y: str, n: int, c: int) -> Any:
    """The model of `g` making `y` [1, n, c] and, as a second graph output, a BERT pooler of its first token (Gather
    of row 0 -> Linear -> Tanh, `pooler_output` [1, c])."""
    from onnx import TensorProto

    first = g.op("Gather", "first_tok", [y, g.const(np.array(0, np.int64))], axis=1)
    pool = g.op("Tanh", "pooler", [g.op("Add", "pool_b", [g.op("MatMul", "pool_mm", [first, g.w(c, c)]), g.w(c)])])
    m = g.model("x", [1, n, c], y, opset=13, extra=(("mask", TensorProto.INT64, [1, n]),))
    m.graph.output.append(g.h.make_tensor_value_info(pool, TensorProto.FLOAT, [1, c]))
    return m


def case_r5sum(g_: int, c: int, h: int, w: int, weight: str = "const") -> tuple[Any, dict[str, Any]]:
    """FFA-Net's weighted sum of G attention groups (unseen set 15): Conv -> Reshape [1, G*C, H, W] -> [1, G, C, H, W]
    -> Mul by a [1, G, C, 1, 1] weight (`weight` "const", or "sig": Sigmoid of a 1x1 Conv of the pooled map, as FFA
    computes it) -> ReduceSum(axis 1, keepdims 0) -> Conv. The toolkit lowers the sum to a Reshape (G, C, H, W) ->
    (1, G, 1, C*H*W) + a 1 x 1 Conv; is that Reshape (`<Mul>-rs_rs`) on the CPU by C*H*W?"""
    g = G(g_ * 131 + c * 17 + h * 7 + w + len(weight))
    x = conv(g, "pre", "x", 3, g_ * c)
    x5 = g.op("Reshape", "groups", [x, g.ints(1, g_, c, h, w)])
    if weight == "const":
        wt = g.w(1, g_, c, 1, 1)
    else:
        p = g.op("GlobalAveragePool", "gap", [x])
        p = g.op("Sigmoid", "att", [g.op("Conv", "att_conv", [p, g.w(g_ * c, g_ * c, 1, 1), g.w(g_ * c)],
                                          kernel_shape=[1, 1])])
        wt = g.op("Reshape", "att_rs", [p, g.ints(1, g_, c, 1, 1)])
    s = g.op("Mul", "wsum_mul", [wt, x5])
    s = g.op("ReduceSum", "wsum", [s, g.ints(1)], keepdims=0)
    y = conv(g, "post", s, c, c, k=1)
    return g.model("x", [1, 3, h, w], y), {}


def case_skattn(c: int, hw: int, paths: int = 2, w: int | None = None) -> tuple[Any, dict[str, Any]]:
    """timm's selective-kernel attention (SKNet / SKResNeXt's conv2, unseen set 17) as torch.onnx writes it: `paths`
    Conv + ReLU branches -> Unsqueeze(1) each -> Concat on axis 1 [1, P, C, H, W] -> ReduceSum(axis 1, keepdims 0) ->
    ReduceMean(2, 3) -> 1x1 Conv -> ReLU -> 1x1 Conv to P*C -> Reshape [1, P, C, 1, 1] -> Softmax(axis 1) -> Mul with
    the stack -> ReduceSum(axis 1, keepdims 0) -> Conv. Which of the rank-5 nodes run on the CPU, by C and H * W?
    `w`: a map hw x w (default square)."""
    g = G(c * 7 + hw * 3 + paths + (w or 0))
    x = conv(g, "pre", "x", 3, c, k=1)
    branches = []
    for i in range(paths):
        b = g.op("Relu", f"path{i}_act", [g.op("Conv", f"path{i}", [x, g.w(c, c, 3, 3), g.w(c)], kernel_shape=[3, 3],
                                                 pads=[i + 1] * 4, dilations=[i + 1] * 2)])
        branches.append(g.op("Unsqueeze", f"path{i}_un", [b, g.ints(1)]))
    stack = g.op("Concat", "stack", branches, axis=1)
    s = g.op("ReduceSum", "attn_sum", [stack, g.ints(1)], keepdims=0)
    s = g.op("ReduceMean", "attn_pool", [s], axes=[2, 3], keepdims=1)
    s = g.op("Relu", "attn_act", [g.op("Conv", "attn_reduce", [s, g.w(32, c, 1, 1), g.w(32)], kernel_shape=[1, 1])])
    s = g.op("Conv", "attn_select", [s, g.w(paths * c, 32, 1, 1), g.w(paths * c)], kernel_shape=[1, 1])
    a = g.op("Softmax", "attn_sm", [g.op("Reshape", "attn_rs", [s, g.ints(1, paths, c, 1, 1)])], axis=1)
    y = g.op("ReduceSum", "wsum", [g.op("Mul", "wsum_mul", [stack, a]), g.ints(1)], keepdims=0)
    return g.model("x", [1, 3, hw, w or hw], conv(g, "post", y, c, c, k=1)), {}


def case_gtunfold(c: int, t: int, f: int, k: int = 3, front: str = "conv") -> tuple[Any, dict[str, Any]]:
    """GTCRN's unfold over the frequency axis as torch.onnx writes nn.Unfold(1 x k) on [1, C, T, F] (unseen set 15's
    speech enhancer, each gated block): Pad the last axis by (k-1)/2 -> Gather(axis 2, [[0..T-1]]) -> [1, C, 1, T,
    F+2] -> Gather(axis 4, k x F window indices) -> [1, C, 1, T, k, F] -> Transpose(0, 1, 2, 4, 3, 5) -> Reshape [1,
    C*k, T*F] -> Reshape [1, C*k, T, F] -> 1x1 Conv. On rk3588 fp16 2.3.2 the rank-6 second Gather got a CPU Reshape
    (`<Gather>_rs`). `front` "slice": the map the second half of a Conv's 2C channels (GTCRN's gated blocks unfold
    one half); "slice_idx": that and the row indices computed as torch writes them (Range -> Unsqueeze -> Add)."""
    g = G(c * 13 + t * 5 + f + k + len(front))
    if front == "conv":
        x = conv(g, "pre", "x", 3, c, k=1)
    else:
        x = conv(g, "pre", "x", 3, 2 * c, k=1)
        x = g.op("Slice", "half", [x, g.ints(c), g.ints(2 * c), g.ints(1)])
    p = (k - 1) // 2
    x = g.op("Pad", "pad", [x, g.ints(0, 0, 0, p, 0, 0, 0, p)])
    if front == "slice_idx":
        from onnx import TensorProto
        rng = g.op("Range", "rows_rng", [g.const(np.array(0, np.int64)), g.const(np.array(t, np.int64)),
                                          g.const(np.array(1, np.int64))])
        rows = g.op("Add", "rows_idx", [g.op("Unsqueeze", "rows_un", [rng, g.ints(0)]),
                                         g.const(np.zeros((1, 1), np.int64))])
        del TensorProto
    else:
        rows = g.const(np.arange(t, dtype=np.int64)[None])
    x = g.op("Gather", "rows", [x, rows], axis=2)
    idx = (np.arange(f, dtype=np.int64)[None] + np.arange(k, dtype=np.int64)[:, None])
    x = g.op("Gather", "win", [x, g.const(idx)], axis=4)
    x = g.op("Transpose", "win_tp", [x], perm=[0, 1, 2, 4, 3, 5])
    x = g.op("Reshape", "win_rs", [x, g.ints(1, c * k, t * f)])
    x = g.op("Reshape", "win_map", [x, g.ints(1, c * k, t, f)])
    y = conv(g, "post", x, c * k, c, k=1)
    return g.model("x", [1, 3, t, f], y), {}


def case_powmean(c: int, t: int, f: int, front: str = "pow", tail: str = "linear") -> tuple[Any, dict[str, Any]]:
    """GTCRN's temporal attention input (unseen set 15): Conv -> [1, C, T, F] -> Pow(2) (`front` "pow"; "relu": a
    Relu instead) -> ReduceMean(axes [-1], keepdims 0) -> [1, C, T] -> Transpose(0, 2, 1) -> Linear -> Sigmoid ->
    output. On rk3588 fp16 2.3.2 the Reduce's input and output got CPU Reshapes (`<Pow>_rs`, `<ReduceMean>_rs`).
    `tail` "gru": the mean [1, C, T] -> Transpose(2, 0, 1) -> GRU (hidden 2C) -> Squeeze -> Transpose(1, 0, 2) before
    the Linear, as GTCRN's temporal attention reads it."""
    g = G(c * 11 + t * 3 + f + len(front) + 7 * (tail != "linear"))
    x = conv(g, "pre", "x", 3, c, k=1)
    x = g.op("Pow", "sq", [x, g.const(np.array(2.0, np.float32))]) if front == "pow" else g.op("Relu", "sq", [x])
    r = g.op("ReduceMean", "mean", [x], axes=[-1], keepdims=0)
    if tail == "gru":
        r = g.op("Transpose", "rnn_in", [r], perm=[2, 0, 1])
        r = g.op("GRU", "rnn", [r, g.w(1, 6 * c, c), g.w(1, 6 * c, 2 * c), g.w(1, 12 * c)], hidden_size=2 * c,
                 linear_before_reset=1)
        r = g.op("Transpose", "rnn_out", [g.op("Squeeze", "rnn_sq", [r, g.ints(1)])], perm=[1, 0, 2])
        r = g.op("Add", "fc_add", [g.w(c), g.op("MatMul", "fc", [r, g.w(2 * c, c)])])
        return g.model("x", [1, 3, t, f], g.op("Sigmoid", "gate", [r])), {}
    r = g.op("Transpose", "mean_tp", [r], perm=[0, 2, 1])
    r = g.op("Add", "fc_add", [g.w(c), g.op("MatMul", "fc", [r, g.w(c, c)])])
    y = g.op("Sigmoid", "gate", [r])
    return g.model("x", [1, 3, t, f], y), {}


def case_dpgru(t: int, f: int, c: int, intra: str = "bi", inter: str = "uni", paths: str = "both",
               halves: int = 2, res: bool = True) -> tuple[Any, dict[str, Any]]:
    """GTCRN's dual-path block (unseen set 15): a map [1, C, T, F] -> Transpose(0, 2, 3, 1) -> Reshape [T, F, C] ->
    two halves (Slice on the channels), each -> Transpose(1, 0, 2) -> bidirectional GRU (hidden C/4) over F with a
    batch of T -> Transpose(0, 2, 1, 3) -> Reshape [F, T, C/2] -> Transpose(1, 0, 2) -> Concat(-1) [T, F, C] -> Reshape
    [1, T, F, C] -> Add -> Transpose(0, 2, 1, 3) -> Reshape [F, T, C] -> halves, each -> Transpose(1, 0, 2) ->
    GRU (hidden C/2) over T with a batch of F -> Squeeze -> Transpose(1, 0, 2) -> Concat -> Reshape [1, F, T, C] ->
    Transpose(0, 3, 2, 1) -> Conv. fp16: the intra Concat on the CPU; int8: the GRUs' input Transposes and the
    Squeezes too? `intra` / `inter` "bi" or "uni": which GRUs are bidirectional (hidden C/4, their output through
    Transpose(0, 2, 1, 3) -> Reshape) or forward only (hidden C/2, Squeeze), GTCRN's being bi / uni. `paths`
    "intra" / "inter": that direction alone (the other left out); `halves` 1: only the first half of the channels
    through a GRU, the second Concat-ed back as it is (what of the block makes 2.5.0 pad the GRUs' inputs?); `res`
    False: the intra path's result replaces the map (no residual Add)."""
    g = G(t * 7 + f * 3 + c + 5 * (intra != "bi") + 3 * (inter != "uni") + 11 * len(paths) * (paths != "both")
          + 13 * (halves != 2) + 17 * (not res))

    def rnn(p: str, s: str, d: str, n: int, b: int) -> str:
        hid = c // 4 if d == "bi" else c // 2
        k = 2 if d == "bi" else 1
        r = g.op("GRU", f"{p}_gru", [s, g.w(k, 3 * hid, c // 2), g.w(k, 3 * hid, hid), g.w(k, 6 * hid)],
                 hidden_size=hid, linear_before_reset=1, **({"direction": "bidirectional"} if d == "bi" else {}))
        if d == "bi":
            r = g.op("Transpose", f"{p}_tp", [r], perm=[0, 2, 1, 3])
            return g.op("Reshape", f"{p}_rs", [r, g.ints(n, b, c // 2)])
        return g.op("Squeeze", f"{p}_sq", [r, g.ints(1)])

    def path(p: str, src: str, d: str, n: int, b: int, shape: tuple[int, int]) -> str:
        """One dual-path direction: [1, A, B, C] -> [A, B, C], each half of C through a GRU over B (batch A), Concat."""
        h = g.op("Reshape", f"{p}_rs", [src, g.ints(*shape, c)])
        parts = []
        for i in range(2):
            s = g.op("Slice", f"{p}_sl{i}", [h, g.ints(i * c // 2), g.ints((i + 1) * c // 2), g.ints(2)])
            if i >= halves:
                parts.append(s)
                continue
            s = g.op("Transpose", f"{p}{i}_in", [s], perm=[1, 0, 2])
            r = rnn(f"{p}{i}", s, d, n, b)
            parts.append(g.op("Transpose", f"{p}{i}_out", [r], perm=[1, 0, 2]))
        h = g.op("Concat", f"{p}_cat", parts, axis=-1)
        return g.op("Reshape", f"{p}_map", [h, g.ints(1, *shape, c)])

    x = conv(g, "pre", "x", 3, c, k=1)
    x = g.op("Transpose", "to_tfc", [x], perm=[0, 2, 3, 1])
    if paths != "inter":
        h = path("intra", x, intra, f, t, (t, f))
        x = g.op("Add", "intra_res", [x, h]) if res else h
    if paths == "intra":
        h = g.op("Transpose", "to_nchw", [x], perm=[0, 3, 1, 2])
    else:
        x2 = g.op("Transpose", "to_ftc", [x], perm=[0, 2, 1, 3])
        h = path("inter", x2, inter, t, f, (f, t))
        h = g.op("Transpose", "to_nchw", [h], perm=[0, 3, 2, 1])
    y = conv(g, "post", h, c, c, k=1)
    return g.model("x", [1, 3, t, f], y, opset=14), {}


def case_costvol(c: int, d: int, h: int, w: int, tail: str = "conv3d") -> tuple[Any, dict[str, Any]]:
    """A stereo cost volume as unseen set 16's AnyNet writes it: left / right features [1, C, H, W] (two Convs), for
    each disparity i < D: Abs(left[..., i:] - right[..., :W - i]) -> zero Pad of W on the left by i -> Unsqueeze(2),
    Concat on axis 2 [1, C, D, H, W] -> Conv3d (`tail` "conv3d"), or the padded maps Concat-ed on the channels ->
    Conv ("cat4"). With 2.3.2 on rv1106 int8 AnyNet's 23 Pads (C 16) ran on the NPU, where the probe's graph-output
    Pad is on the CPU, and its rank-5 Concat on the CPU (rk3588 int8 too)."""
    g = G(c * 5 + d * 3 + h + w + len(tail))
    left = conv(g, "left", "x", 3, c)
    right = conv(g, "right", "x", 3, c)
    parts = []
    for i in range(d):
        if i:
            a = g.op("Slice", f"l{i}", [left, g.ints(i), g.ints(w), g.ints(3)])
            b = g.op("Slice", f"r{i}", [right, g.ints(0), g.ints(w - i), g.ints(3)])
        else:
            a, b = left, right
        x = g.op("Abs", f"abs{i}", [g.op("Sub", f"sub{i}", [a, b])])
        if i:
            x = g.op("Pad", f"pad{i}", [x, g.ints(0, 0, 0, i, 0, 0, 0, 0)])
        parts.append(g.op("Unsqueeze", f"un{i}", [x, g.ints(2)]) if tail == "conv3d" else x)
    if tail == "conv3d":
        v = g.op("Concat", "vol", parts, axis=2)
        y = g.op("Conv", "agg", [v, g.w(8, c, 3, 3, 3), g.w(8)], kernel_shape=[3, 3, 3], pads=[1] * 6)
    else:
        v = g.op("Concat", "vol", parts, axis=1)
        y = conv(g, "agg", v, c * d, 8)
    return g.model("x", [1, 3, h, w], y), {}


def case_cpxout(t: int, f: int) -> tuple[Any, dict[str, Any]]:
    """GTCRN's complex output (unseen set 15): real and imaginary maps [1, 1, T, F] -> Gather(axis 1, 0) -> [1, T, F]
    -> Unsqueeze(-1) -> Concat(-1) [1, T, F, 2] -> Transpose(0, 2, 1, 3) -> output [1, F, T, 2]. On rk3588 fp16 2.3.2
    the Concat got a CPU Reshape (`<Concat>-rs`)."""
    g = G(t * 3 + f)
    x = conv(g, "pre", "x", 2, 2, k=1)
    parts = []
    for i in range(2):
        s = g.op("Slice", f"part{i}", [x, g.ints(i), g.ints(i + 1), g.ints(1)])
        s = g.op("Mul", f"part{i}_mul", [s, g.w(1, 1, 1, f)])
        s = g.op("Gather", f"part{i}_sq", [s, g.const(np.array(0, np.int64))], axis=1)
        parts.append(g.op("Unsqueeze", f"part{i}_un", [s, g.ints(-1)]))
    h = g.op("Concat", "cat", parts, axis=-1)
    y = g.op("Transpose", "out_tp", [h], perm=[0, 2, 1, 3])
    return g.model("x", [1, 2, t, f], y), {}


def case_tokshift(t: int, d: int, side: str = "both") -> tuple[Any, dict[str, Any]]:
    """MobileBERT's trigram input embedding (unseen set 15, dynamo): tokens [1, T, D] -> the next token's row
    (Slice [1:] on axis 1 -> Pad one zero row at the end) and / or the previous one's (Slice [:-1] -> Pad one at the
    start) Concat-ed with the tokens on the last axis -> Linear. With 2.3.2 on rk3588 float16 its Pad at the end ran
    on the CPU, the one at the start on the NPU. `side` "both", "tail" (the end Pad only) or "head"."""
    g = G(t * 3 + d + len(side))
    h = g.op("Add", "tok", ["x", g.w(d)])
    parts = [h]
    if side in ("both", "tail"):
        nxt = g.op("Slice", "next_sl", [h, g.ints(1), g.ints(t), g.ints(1)])
        parts.insert(0, g.op("Pad", "next_pad", [nxt, g.ints(0, 0, 0, 0, 1, 0), g.const(np.array(0.0, np.float32))]))
    if side in ("both", "head"):
        prv = g.op("Slice", "prev_sl", [h, g.ints(0), g.ints(t - 1), g.ints(1)])
        parts.append(g.op("Pad", "prev_pad", [prv, g.ints(0, 1, 0, 0, 0, 0), g.const(np.array(0.0, np.float32))]))
    c = g.op("Concat", "tri", parts, axis=2)
    y = g.op("Add", "emb", [g.op("MatMul", "emb_mm", [c, g.w(len(parts) * d, d)]), g.w(d)])
    return g.model("x", [1, t, d], y), {}


def case_padsp(c: int, hw: int, side: str = "w") -> tuple[Any, dict[str, Any]]:
    """A zero Pad of a rank-4 map's W (`side` "w": pads [0, 0, 0, 1, 0, 0, 0, 1]), H ("h") or both ("hw"), read by an
    Add (no Conv to take it as its padding) -> Conv: GTCRN's unfold pads its [1, 8, T, F] map so before a Gather. Is
    it on the CPU by the channel count (`Pad4:sp:<alignment of C>`)?"""
    g = G(c * 7 + hw + len(side))
    x = conv(g, "pre", "x", 3, c, k=1)
    p = {"w": (0, 0, 0, 1, 0, 0, 0, 1), "h": (0, 0, 1, 0, 0, 0, 1, 0), "hw": (0, 0, 1, 1, 0, 0, 1, 1)}[side]
    x = g.op("Pad", "pad", [x, g.ints(*p)])
    x = g.op("Add", "bias", [x, g.w(1, c, 1, 1)])
    y = conv(g, "post", x, c, c)
    return g.model("x", [1, 3, hw, hw], y), {}


def case_gcattn(c: int, hw: int, silu: bool = False) -> tuple[Any, dict[str, Any]]:
    """timm's global-context attention (GC-EfficientNetV2's `se`, unseen set 16) as torch.onnx writes it: a 1x1 Conv
    to one channel -> Reshape [1, 1, H*W] -> Softmax(-1) -> Unsqueeze(-1); the map Reshape [1, C, H*W] -> Unsqueeze(1)
    -> MatMul with it -> Reshape [1, C, 1, 1] -> 1x1 Conv -> Sigmoid -> Mul with the map -> Conv. On rk3588 fp16 /
    int8 2.3.2 a CPU 'Reshape:<the first Reshape>_rs' at 14 x 14 and 7 x 7 maps: by H*W? `silu`: the map made by a SiLU
    (Sigmoid, Mul) as in the network's MBConv blocks (the map Reshape's key then `elt>`, not `conv>`)."""
    g = G(c * 5 + hw + 3 * silu)
    x = conv(g, "pre", "x", 3, c)
    if silu:
        x = g.op("Mul", "silu", [x, g.op("Sigmoid", "silu_sig", [x])])
    a = g.op("Conv", "attn", [x, g.w(1, c, 1, 1), g.w(1)], kernel_shape=[1, 1])
    a = g.op("Reshape", "attn_rs", [a, g.ints(1, 1, hw * hw)])
    a = g.op("Unsqueeze", "attn_un", [g.op("Softmax", "attn_sm", [a], axis=-1), g.ints(-1)])
    m = g.op("Unsqueeze", "map_un", [g.op("Reshape", "map_rs", [x, g.ints(1, c, hw * hw)]), g.ints(1)])
    ctx = g.op("Reshape", "ctx_rs", [g.op("MatMul", "ctx", [m, a]), g.ints(1, c, 1, 1)])
    gate = g.op("Sigmoid", "gate", [g.op("Conv", "fc", [ctx, g.w(c, c, 1, 1), g.w(c)], kernel_shape=[1, 1])])
    y = conv(g, "post", g.op("Mul", "scale", [x, gate]), c, c)
    return g.model("x", [1, 3, hw, hw], y), {}


def case_ctbig(k: int, st: int, c: int, rank: int = 4, hw: int = 20) -> tuple[Any, dict[str, Any]]:
    """A ConvTranspose upsampling by a large stride: HED's side outputs (1 channel, k 32 s 16 / k 16 s 8 on 20 x 30 /
    40 x 60 maps, unseen set 14) and Vocos' overlap-add (ConvTranspose1d k 256 s 64 of [1, 256, 64]): an
    'exConvTransposePad' ran on the CPU on rk3588 for stride 16 and 64, not 8. Conv -> ConvTranspose(k, s, C -> C or
    1) -> Conv; `rank` 3: the 1-D form on [1, C, hw]."""
    g = G(k * 3 + st + c + rank + hw)
    if rank == 4:
        x = conv(g, "pre", "x", 3, c)
        y = g.op("ConvTranspose", "up", [x, g.w(c, 1, k, k)], kernel_shape=[k, k], strides=[st, st])
        y = conv(g, "post", y, 1, 4)
        return g.model("x", [1, 3, hw, hw], y), {}
    x = g.op("Conv", "pre", ["x", g.w(c, 8, 3), g.w(c)], kernel_shape=[3], pads=[1, 1])
    y = g.op("ConvTranspose", "up", [x, g.w(c, 1, k)], kernel_shape=[k], strides=[st])
    y = g.op("Conv", "post", [y, g.w(4, 1, 3), g.w(4)], kernel_shape=[3], pads=[1, 1])
    return g.model("x", [1, 8, hw], y), {}


def case_aattn(hw: int, heads: int = 2, kd: int = 32, hd: int = 64, w: int | None = None) -> tuple[Any, dict[str, Any]]:
    """ultralytics' area attention (YOLO11/12/26 C2PSA / A2C2f) as exported: Conv qkv -> Reshape [1, h, 2*kd + hd,
    N] -> Split (kd, kd, hd) on axis 2 -> q^T @ k -> Softmax -> v @ attn^T -> Reshape [1, C, H, W] -> Add (positional
    Conv of v) -> proj Conv; N = hw * hw tokens (`w`: a map hw x w, N = hw * w: YOLO11m at 416 x 256, 13 x 8); q
    scaled before its Transpose, as exported."""
    c = heads * hd
    g = G(hw * heads + (w or 0))
    ww = w or hw
    x = conv(g, "pre", "x", 3, c)
    h = conv(g, "qkv", x, c, heads * (2 * kd + hd), k=1)
    h = g.op("Reshape", "qkv_rs", [h, g.ints(1, heads, 2 * kd + hd, hw * ww)])
    parts = ["split_q", "split_k", "split_v"]
    g.nodes.append(g.h.make_node("Split", [h, g.ints(kd, kd, hd)], parts, name="split", axis=2))
    q = g.op("Mul", "q_scale", ["split_q", g.const(np.array(kd ** -0.5, np.float32))])
    qt = g.op("Transpose", "q_tp", [q], perm=[0, 1, 3, 2])
    a = g.op("MatMul", "qk", [qt, "split_k"])
    a = g.op("Softmax", "softmax", [a], axis=-1)
    at = g.op("Transpose", "a_tp", [a], perm=[0, 1, 3, 2])
    o = g.op("MatMul", "av", ["split_v", at])
    o = g.op("Reshape", "o_rs", [o, g.ints(1, c, hw, ww)])
    v = g.op("Reshape", "v_rs", ["split_v", g.ints(1, c, hw, ww)])
    pe = g.op("Conv", "pe", [v, g.w(c, 1, 3, 3), g.w(c)], kernel_shape=[3, 3], pads=[1] * 4, group=c)
    o = g.op("Add", "pe_add", [o, pe])
    y = conv(g, "proj", o, c, c, k=1)
    return g.model("x", [1, 3, hw, ww], y), {}


def case_aattn_area(hw: int, areas: int, heads: int = 2, hd: int = 32, blocks: int = 1) -> tuple[Any, dict[str, Any]]:
    """ultralytics' area attention as YOLO12's A2C2f exports it (area > 1 at the P4 level, unseen set 4's yolo12n
    pose / obb at 320 px): Conv qkv -> Reshape [1, 3C, N] -> Transpose -> Reshape [areas, N / areas, h, 3d] ->
    Transpose(0, 2, 3, 1) -> Split on axis 2 -> q^T @ k -> Softmax -> v @ attn^T -> Transpose(0, 3, 1, 2) -> Reshape
    [1, H, W, C] -> Transpose to NCHW -> Add (positional Conv of v, the same way back) -> proj Conv. With areas = 1
    the same export without the area split (`aattn` spells the structure that Conv feeds the Reshape straight).
    `blocks` > 1: ABlocks in a row as A2C2f stacks them (x + attn(x), then x + mlp(x), SiLU MLP of 1x1 Convs); the
    first block's names as with one, the others' prefixed `b<i>_` (YOLO12n-cls, unseen set 5: the blocks after the
    first got more CPU layers with 2.5.0)."""
    c, n = heads * hd, hw * hw
    g = G(hw * heads + 97 * areas + (blocks - 1) * 13)
    x = conv(g, "pre", "x", 3, c)
    for b in range(blocks):
        p = f"b{b}_" if b else ""
        h = conv(g, f"{p}qkv", x, c, 3 * c, k=1)
        h = g.op("Transpose", f"{p}qkv_tp", [g.op("Reshape", f"{p}qkv_rs", [h, g.ints(1, 3 * c, n)])], perm=[0, 2, 1])
        h = g.op("Reshape", f"{p}area_rs", [h, g.ints(areas, n // areas, heads, 3 * hd)])
        h = g.op("Transpose", f"{p}area_tp", [h], perm=[0, 2, 3, 1])
        parts = [f"{p}split_q", f"{p}split_k", f"{p}split_v"]
        g.nodes.append(g.h.make_node("Split", [h, g.ints(hd, hd, hd)], parts, name=f"{p}split", axis=2))
        q = g.op("Mul", f"{p}q_scale", [parts[0], g.const(np.array(hd ** -0.5, np.float32))])
        a = g.op("MatMul", f"{p}qk", [g.op("Transpose", f"{p}q_tp", [q], perm=[0, 1, 3, 2]), parts[1]])
        a = g.op("Softmax", f"{p}softmax", [a], axis=-1)
        o = g.op("MatMul", f"{p}av", [parts[2], g.op("Transpose", f"{p}a_tp", [a], perm=[0, 1, 3, 2])])

        def back(name: str, t: str, p: str = p) -> str:
            t = g.op("Transpose", f"{p}{name}_tp", [t], perm=[0, 3, 1, 2])
            t = g.op("Reshape", f"{p}{name}_rs", [t, g.ints(1, hw, hw, c)])
            return g.op("Transpose", f"{p}{name}_nchw", [t], perm=[0, 3, 1, 2])

        v = back("v", parts[2])
        pe = g.op("Conv", f"{p}pe", [v, g.w(c, 1, 3, 3), g.w(c)], kernel_shape=[3, 3], pads=[1] * 4, group=c)
        y = conv(g, f"{p}proj", g.op("Add", f"{p}pe_add", [back("o", o), pe]), c, c, k=1)
        if blocks == 1:
            return g.model("x", [1, 3, hw, hw], y), {}
        x = g.op("Add", f"{p}res1", [x, y])
        m = conv(g, f"{p}mlp1", x, c, 2 * c, k=1)
        m = conv(g, f"{p}mlp2", g.op("Mul", f"{p}silu", [m, g.op("Sigmoid", f"{p}sig", [m])]), 2 * c, c, k=1)
        x = g.op("Add", f"{p}res2", [x, m])
    return g.model("x", [1, 3, hw, hw], x), {}


def case_div(kind: str, c: int, hw: int) -> tuple[Any, dict[str, Any]]:
    """Division whose divisor the network computes, between Convs (EfficientViT's ReLU linear attention divides
    v @ (k^T v) by its last column plus eps: Div_1 ran on the CPU in every int8 build of rk3588, rk3566, rk3576 and
    rk3562 and on the NPU in fp16). kind `bcast`: Conv -> Reshape [1, h, d + 1, L] -> Transpose(0, 1, 3, 2) -> Slice
    the first d and the last column -> Add eps -> Div [1, h, L, d] / [1, h, L, 1] -> Transpose back -> Reshape ->
    Conv; `bcast3`: the same on [1, L, d] / [1, L, 1]; `same`: Conv / (Sigmoid(Conv) + 1), one shape; `chan`: Conv
    / (Sigmoid(1-channel Conv) + 1), [1, C, H, W] / [1, 1, H, W]; `const`: Conv / a constant [1, C, 1, 1]; `mul`:
    Conv * (Sigmoid(Conv) + 1), the product in place of the quotient."""
    g = G(c * hw + len(kind))
    x = conv(g, "pre", "x", 3, c)
    eps = g.const(np.array(1e-3, np.float32))
    if kind in ("bcast", "bcast3"):
        heads, d = 2, c // 2 - 1
        h = g.op("Reshape", "rs_in", [x, g.ints(1, heads, d + 1, hw * hw)])
        h = g.op("Transpose", "tp_in", [h], perm=[0, 1, 3, 2])
        h = g.op("Relu", "act", [h])
        if kind == "bcast3":
            h = g.op("Reshape", "to3", [h, g.ints(1, heads * hw * hw, d + 1)])
        num = g.op("Slice", "num", [h, g.ints(0), g.ints(d), g.ints(-1)])
        den = g.op("Slice", "den", [h, g.ints(d), g.ints(d + 1), g.ints(-1)])
        den = g.op("Add", "eps", [den, eps])
        q = g.op("Div", "div", [num, den])
        if kind == "bcast3":
            q = g.op("Reshape", "to4", [q, g.ints(1, heads, hw * hw, d)])
        q = g.op("Transpose", "tp_out", [q], perm=[0, 1, 3, 2])
        q = g.op("Reshape", "rs_out", [q, g.ints(1, heads * d, hw, hw)])
        y = conv(g, "post", q, heads * d, c, k=1)
        return g.model("x", [1, 3, hw, hw], y), {"kind": kind}
    if kind == "const":
        q = g.op("Div", "div", [x, g.const(1.5 + np.abs(g.rng.normal(0, 1, (1, c, 1, 1))).astype(np.float32))])
    else:
        den = conv(g, "den_conv", x, c, 1 if kind == "chan" else c, k=1)
        den = g.op("Sigmoid", "den_sig", [den])
        den = g.op("Add", "eps", [den, g.const(np.array(1.0, np.float32))])
        q = g.op("Mul" if kind == "mul" else "Div", "div", [x, den])
    y = conv(g, "post", q, c, c, k=1)
    return g.model("x", [1, 3, hw, hw], y), {"kind": kind}


def case_coat(hw: int, heads: int = 8, d: int = 8) -> tuple[Any, dict[str, Any]]:
    """CoaT's serial block attention as torch.onnx writes it (opset 17): Concat(class token, H*W tokens) -> LayerNorm ->
    qkv Linear -> Reshape [1, N, 3, h, d] -> Transpose(2, 0, 3, 1, 4) -> Split -> Squeeze q, k, v; factorised
    attention (Softmax(k, axis 2) -> Transpose -> @ v, q @ that, * scale) plus the convolutional relative position
    encoding: q and v without the class token, v Transpose -> Reshape to [1, h*d, H, W] -> Split into 2, 3, 3 heads ->
    depthwise 3x3 / 5x5 / 7x7 Convs -> Concat -> Reshape [1, h, d, H*W] -> Transpose -> Mul q -> Pad the class row ->
    Add -> Transpose(0, 2, 1, 3) -> Reshape [1, N, C] -> proj Linear -> Add the tokens."""
    c, n = heads * d, hw * hw + 1
    g = G(hw * 7 + heads)
    t = g.op("Concat", "front", [g.w(1, 1, c), "x"], axis=1)
    h = g.op("LayerNormalization", "norm", [t, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)), g.w(c)],
             axis=-1, epsilon=1e-6)
    h = g.op("MatMul", "qkv_mm", [h, g.w(c, 3 * c)])
    h = g.op("Add", "qkv_add", [g.w(3 * c), h])
    h = g.op("Reshape", "qkv_rs", [h, g.ints(1, n, 3, heads, d)])
    h = g.op("Transpose", "qkv_tp", [h], perm=[2, 0, 3, 1, 4])
    parts = [f"split_{i}" for i in range(3)]
    g.nodes.append(g.h.make_node("Split", [h, g.ints(1, 1, 1)], parts, name="split", axis=0))
    q, k, v = (g.op("Squeeze", f"sq_{x}", [p_, g.ints(0)]) for x, p_ in zip("qkv", parts))
    ks = g.op("Softmax", "softmax", [k], axis=2)
    kt = g.op("Transpose", "k_tp", [ks], perm=[0, 1, 3, 2])
    kv = g.op("MatMul", "kv", [kt, v])
    a = g.op("MatMul", "qkv_att", [q, kv])
    a = g.op("Mul", "scale", [a, g.const(np.array(d ** -0.5, np.float32))])
    qi = g.op("Slice", "q_img", [q, g.ints(1), g.ints(n), g.ints(2)])
    vi = g.op("Slice", "v_img", [v, g.ints(1), g.ints(n), g.ints(2)])
    vi = g.op("Transpose", "crpe_tp", [vi], perm=[0, 1, 3, 2])
    vi = g.op("Reshape", "crpe_rs", [vi, g.ints(1, c, hw, hw)])
    splits = [2 * d, 3 * d, (heads - 5) * d]
    outs = [f"crpe_split_{i}" for i in range(3)]
    g.nodes.append(g.h.make_node("Split", [vi, g.ints(*splits)], [o + "_y" for o in outs], name="crpe_split", axis=1))
    convs = [g.op("Conv", f"crpe_conv{kk}", [o + "_y", g.w(ch, 1, kk, kk), g.w(ch)], kernel_shape=[kk, kk],
                  pads=[kk // 2] * 4, group=ch) for o, ch, kk in zip(outs, splits, (3, 5, 7))]
    cv = g.op("Concat", "crpe_cat", convs, axis=1)
    cv = g.op("Reshape", "crpe_rs1", [cv, g.ints(1, heads, d, hw * hw)])
    cv = g.op("Transpose", "crpe_tp1", [cv], perm=[0, 1, 3, 2])
    ev = g.op("Mul", "crpe_mul", [qi, cv])
    ev = g.op("Pad", "crpe_pad", [ev, g.ints(0, 0, 1, 0, 0, 0, 0, 0)])
    o = g.op("Add", "att_add", [a, ev])
    o = g.op("Transpose", "o_tp", [o], perm=[0, 2, 1, 3])
    o = g.op("Reshape", "o_rs", [o, g.ints(1, n, c)])
    o = g.op("MatMul", "proj_mm", [o, g.w(c, c)])
    o = g.op("Add", "proj_add", [g.w(c), o])
    y = g.op("Add", "back", [t, o])
    return g.model("x", [1, hw * hw, c], y, opset=17), {}


def case_glu(c: int, hw: int, split: bool = True, ln_res: bool = False, stages: int = 1,
             blocks: int = 1, head: bool = False) -> tuple[Any, dict[str, Any]]:
    """A channels-last gated conv block as timm's MambaOut exports it, between NCHW Convs: Conv -> Transpose(0, 2, 3,
    1) -> LayerNorm -> fc1 Linear to 2h (h = 8C/3 rounded to 16... as timm: int(8/3 * C)) -> Split on the last axis
    into [h, h - C, C] -> the C part Transpose(0, 3, 1, 2) -> depthwise 7x7 Conv -> Transpose(0, 2, 3, 1) -> Concat
    with the h - C part -> Mul with GELU(the h part) -> fc2 Linear -> Add the block input -> Transpose(0, 3, 1, 2)
    -> Conv. `split` False: the same block without the gate and conv branch (LayerNorm -> fc1 -> GELU -> fc2, as
    ConvNeXt), to tell the branch from the size. `ln_res`: a LayerNorm in front of the block whose output is both the
    block's input and its residual (MambaOut's stem / downsample norm); `stages` 2: a second block at half the size
    and twice the channels behind MambaOut's downsample (Transpose to NCHW, 3x3 stride-2 Conv, Transpose back, the
    LayerNorm); `blocks`: blocks per stage (MambaOut femto: 3, 3, 9, 3); `head`: the last stage into MambaOut's head
    (ReduceMean over H and W, a LayerNorm, a Linear) instead of a Transpose back to a Conv."""
    g = G(c * hw + split + 2 * ln_res + 4 * stages + 16 * blocks + 64 * head)
    x = conv(g, "pre", "x", 3, c)
    x = g.op("Transpose", "to_nhwc", [x], perm=[0, 2, 3, 1])
    if ln_res or stages > 1:
        x = g.op("LayerNormalization", "stem_norm", [x, g.const(np.ones(c, np.float32)), g.w(c)], axis=-1,
                 epsilon=1e-6)
    for b in range(blocks):
        x = _glu_block(g, f"b{b}_" if b else "", x, c, split)
    if stages > 1:
        t = g.op("Transpose", "ds_nchw", [x], perm=[0, 3, 1, 2])
        t = g.op("Conv", "ds_conv", [t, g.w(2 * c, c, 3, 3), g.w(2 * c)], kernel_shape=[3, 3], pads=[1] * 4,
                 strides=[2, 2])
        t = g.op("Transpose", "ds_nhwc", [t], perm=[0, 2, 3, 1])
        c *= 2
        x = g.op("LayerNormalization", "ds_norm", [t, g.const(np.ones(c, np.float32)), g.w(c)], axis=-1, epsilon=1e-6)
        for b in range(blocks):
            x = _glu_block(g, f"s2_b{b}_" if b else "s2_", x, c, split)
    if head:
        h = g.op("ReduceMean", "head_mean", [x], axes=[1, 2], keepdims=0)
        h = g.op("LayerNormalization", "head_norm", [h, g.const(np.ones(c, np.float32)), g.w(c)], axis=-1,
                 epsilon=1e-6)
        y = g.op("Gemm", "head_fc", [h, g.w(16, c), g.w(16)], transB=1)
        return g.model("x", [1, 3, hw, hw], y, opset=17), {}
    h = g.op("Transpose", "to_nchw", [x], perm=[0, 3, 1, 2])
    y = conv(g, "post", h, c, c)
    return g.model("x", [1, 3, hw, hw], y, opset=17), {}


def case_nhwc_mlp(c: int, hw: int, tail: str, blocks: int = 1, ln: str = "op", dw: str = ""
                  ) -> tuple[Any, dict[str, Any]]:
    """A channels-last MLP between NCHW Convs: Conv -> Transpose(0, 2, 3, 1) -> LayerNorm (axis -1) -> fc1 MatMul to
    4C + bias -> GELU (Erf form) -> fc2 MatMul to C + bias -> `tail`:
    `tp`: Mul by a [C] layer scale -> Transpose(0, 3, 1, 2) -> Add the block input (NCHW) -> Conv (ConvNeXt as its
    authors wrote it); `tp_noscale`: the same without the Mul; `tp_tv`: Transpose back -> Mul by a [C, 1, 1] scale
    -> Add (torchvision's and timm's ConvNeXt); `res`: Add the block's channels-last input (the Transpose's output,
    which the LayerNorm reads too) -> LayerNorm -> Transpose back -> Conv (a Swin block's MLP: the residual stream
    stays channels-last into the next norm); `res_tp`: the residual Add -> Transpose back -> Conv; `res_mix`: `res`
    behind a token mixer on the stream (LayerNorm -> Linear -> Add, as Swin's attention), so the block's LayerNorm
    reads an Add; `res_swin`: the mixer's Linear over rank-3 tokens (Reshape [1, H * W, C] and back), as Swin's
    window attention leaves its map. `blocks` > 1 (the
    `res` tails only): that many MLP blocks on the channels-last stream, each LayerNorm -> MLP -> Add. `ln` "dec": the
    block's LayerNorm written out (ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add), as the calibration
    export of torchvision's ConvNeXt-T has it. `dw` (the `tp` tails): the block as ConvNeXt / EdgeNeXt have it, a
    depthwise 7x7 Conv in front of the Transpose and the residual Add reading the Conv's input (the stream), not its
    output (`dw` "fork": the residual reads the depthwise Conv's output, which the Transpose reads too). Which of the
    fc1 / fc2 Transposes back (`<out>_mm_tp_rs`) and the LayerNorm's does the toolkit put on the CPU (rk3566 2.3.2:
    torchvision Swin-T's norm2 and fc2 in every block, ConvNeXt-T nothing)?"""
    g = G(c * 100 + hw + 7 * blocks + sum(map(ord, tail)) + 3 * (ln == "dec") + 5 * bool(dw) + 11 * (dw == "fork"))
    x = conv(g, "pre", "x", 3, c)
    d = g.op("Conv", "dw", [x, g.w(c, 1, 7, 7), g.w(c)], kernel_shape=[7, 7], pads=[3] * 4, group=c) if dw else x
    t = g.op("Transpose", "to_nhwc", [d], perm=[0, 2, 3, 1])

    def mlp(p: str, s: str) -> str:
        scale = g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32))
        if ln == "dec":
            h = layer_norm_written(g, p + "norm", s, scale, g.w(c))
        else:
            h = g.op("LayerNormalization", p + "norm", [s, scale, g.w(c)], axis=-1, epsilon=1e-6)
        h = g.op("Add", p + "fc1_add", [g.w(4 * c), g.op("MatMul", p + "fc1_mm", [h, g.w(c, 4 * c)])])
        h = gelu(g, p + "act", h)
        return g.op("Add", p + "fc2_add", [g.w(c), g.op("MatMul", p + "fc2_mm", [h, g.w(4 * c, c)])])

    if tail.startswith("tp"):
        assert blocks == 1
        m = mlp("", t)
        if tail == "tp":
            m = g.op("Mul", "scale", [m, g.w(c)])
        m = g.op("Transpose", "to_nchw", [m], perm=[0, 3, 1, 2])
        if tail == "tp_tv":
            m = g.op("Mul", "scale", [g.w(c, 1, 1), m])
        h = g.op("Add", "res", [m, d if dw == "fork" else x])
    else:
        s = t
        if tail == "res_mix":  # a token mixer in front, as Swin's attention: LayerNorm -> Linear -> + the stream
            mix = g.op("LayerNormalization", "mix_norm", [t, g.const(np.ones(c, np.float32)), g.w(c)], axis=-1,
                       epsilon=1e-6)
            mix = g.op("Add", "mix_add", [g.w(c), g.op("MatMul", "mix_mm", [mix, g.w(c, c)])])
            s = g.op("Add", "mix_res", [t, mix])
        elif tail == "res_swin":  # the mixer through rank-3 tokens and back, as Swin's window attention reshapes
            mix = g.op("LayerNormalization", "mix_norm", [t, g.const(np.ones(c, np.float32)), g.w(c)], axis=-1,
                       epsilon=1e-6)
            mix = g.op("Reshape", "mix_tokens", [mix, g.ints(1, hw * hw, c)])
            mix = g.op("Add", "mix_add", [g.w(c), g.op("MatMul", "mix_mm", [mix, g.w(c, c)])])
            mix = g.op("Reshape", "mix_map", [mix, g.ints(1, hw, hw, c)])
            s = g.op("Add", "mix_res", [t, mix])
        for b in range(blocks):
            p = f"b{b}_" if b else ""
            s = g.op("Add", p + "res", [s, mlp(p, s)])
        if tail in ("res", "res_mix", "res_swin"):
            s = g.op("LayerNormalization", "norm_out", [s, g.const(np.ones(c, np.float32)), g.w(c)], axis=-1,
                     epsilon=1e-6)
        h = g.op("Transpose", "to_nchw", [s], perm=[0, 3, 1, 2])
    y = conv(g, "post", h, c, c)
    return g.model("x", [1, 3, hw, hw], y, opset=17), {}


def case_edgeblk(c: int, h: int, w: int, k: int, bias: bool, blocks: int, front: str, form: str = "dynamo"
                 ) -> tuple[Any, dict[str, Any]]:
    """EdgeNeXt's conv encoder as torch dynamo writes it: `blocks` blocks in a row on an NCHW stream, each a depthwise
    k x k Conv (`bias` or none, as the dynamo export of timm's EdgeNeXt-S-rw has it) -> Transpose(0, 2, 3, 1) ->
    LayerNorm -> fc1 MatMul to 4C + bias -> GELU (`form`, gelu()) -> fc2 MatMul to C + bias -> Mul(gamma, .) ->
    Transpose(0, 3, 1, 2) -> Add the stream (the block's input, read by the depthwise Conv too), on an H x W map
    (H != W as 256 x 320 inputs make). `front` "conv": the stream starts as a Conv's output (nhwc_mlp's `dw`);
    "ln": as the stem's channels-last LayerNorm's Transpose back (EdgeNeXt's stage 1). Which LayerNorm Transposes
    and Transposes back leave the NPU (unseen set 20: every such block of EdgeNeXt on rk3566 2.3.2, nhwc_mlp's `dw`
    blocks none)?"""
    g = G(c * 1000 + h * 37 + w + k * 7 + 3 * bias + 11 * blocks + len(front) + len(form))
    x = g.op("Conv", "stem", ["x", g.w(c, 3, 4, 4), g.w(c)], kernel_shape=[4, 4], strides=[4, 4])
    if front == "ln":
        t = g.op("Transpose", "stem_nhwc", [x], perm=[0, 2, 3, 1])
        t = g.op("LayerNormalization", "stem_norm", [t, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)),
                                                     g.w(c)], axis=-1, epsilon=1e-6)
        x = g.op("Transpose", "stem_nchw", [t], perm=[0, 3, 1, 2])
    for b in range(blocks):
        p = f"b{b}_"
        ins = [x, g.w(c, 1, k, k)] + ([g.w(c)] if bias else [])
        d = g.op("Conv", p + "dw", ins, kernel_shape=[k, k], pads=[k // 2] * 4, group=c)
        t = g.op("Transpose", p + "to_nhwc", [d], perm=[0, 2, 3, 1])
        t = g.op("LayerNormalization", p + "norm", [t, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)),
                                                   g.w(c)], axis=-1, epsilon=1e-6)
        t = g.op("Add", p + "fc1_add", [g.op("MatMul", p + "fc1_mm", [t, g.w(c, 4 * c)]), g.w(4 * c)])
        t = gelu(g, p + "act", t, form)
        t = g.op("Add", p + "fc2_add", [g.op("MatMul", p + "fc2_mm", [t, g.w(4 * c, c)]), g.w(c)])
        t = g.op("Mul", p + "scale", [g.w(c), t])
        t = g.op("Transpose", p + "to_nchw", [t], perm=[0, 3, 1, 2])
        x = g.op("Add", p + "res", [x, t])
    y = conv(g, "post", x, c, c, 1)
    return g.model("x", [1, 3, 4 * h, 4 * w], y, opset=17), {}


def case_srattn(hw: int, heads: int, d: int, sr: int, sdpa: bool = True,
                written: bool = False) -> tuple[Any, dict[str, Any]]:
    """Spatial-reduction attention (PVT / PVT-v2, Twins-PCPVT, SegFormer as torch.onnx writes timm's and HF's): the
    tokens of a [1, C, hw, hw] Conv map (Reshape [1, C, N] -> Transpose -> LayerNorm), q Linear -> Reshape [1, N, h, d]
    -> Transpose(0, 2, 1, 3); k and v from the map reduced by an `sr` x `sr` strided Conv (Transpose back -> Reshape
    [1, C, hw, hw] -> Conv -> Reshape [1, C, M] -> Transpose -> LayerNorm; `sr` 1: from the normed tokens, as Twins'
    last stage) -> kv Linear -> Reshape [1, M, 2, h, d] -> Transpose(2, 0, 3, 1, 4) -> Split -> Squeeze k, v -> k
    Transpose(0, 1, 3, 2); `sdpa`: q and k^T each scaled by sqrt(1 / sqrt(d)) before the product (F.scaled_dot_product
    _attention as torch.onnx writes it, timm's fused attention), else q @ k^T then the scale -> Softmax -> @ v ->
    Transpose(0, 2, 1, 3) -> Reshape [1, N, C] -> proj Linear -> + the tokens -> Transpose -> Reshape -> Conv. Which
    layout layers of the packed k / v run on the CPU, by heads, M and N (rk3566 2.3.2: Twins-PCPVT-S at 128 px kept 1
    head of 64 on the NPU, put k^T's scale Mul, v's Squeeze and the reduction's Reshape on the CPU for 2, 5, 8 heads)?
    `written`: the reduction's LayerNorm written out (ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add), as
    SegFormer's TorchScript export has it: whose name does the layer on the reduced tokens take?"""
    c, n = heads * d, hw * hw
    m = (hw // sr) ** 2
    g = G(hw * 1000 + heads * 100 + d + sr * 7 + 3 * sdpa)
    x = conv(g, "pre", "x", 3, c)
    t = g.op("Transpose", "tokens", [g.op("Reshape", "flat", [x, g.ints(1, c, n)])], perm=[0, 2, 1])
    h = g.op("LayerNormalization", "norm1", [t, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)), g.w(c)],
             axis=-1, epsilon=1e-6)
    q = g.op("Add", "q_add", [g.w(c), g.op("MatMul", "q_mm", [h, g.w(c, c)])])
    q = g.op("Transpose", "q_tp", [g.op("Reshape", "q_rs", [q, g.ints(1, n, heads, d)])], perm=[0, 2, 1, 3])
    if sr > 1:
        s = g.op("Reshape", "sr_map", [g.op("Transpose", "sr_tp", [h], perm=[0, 2, 1]), g.ints(1, c, hw, hw)])
        s = g.op("Conv", "sr", [s, g.w(c, c, sr, sr), g.w(c)], kernel_shape=[sr, sr], strides=[sr, sr])
        s = g.op("Transpose", "sr_tokens", [g.op("Reshape", "sr_rs", [s, g.ints(1, c, m)])], perm=[0, 2, 1])
        if written:
            mu = g.op("ReduceMean", "sr_norm_mean", [s], axes=[-1])
            dv = g.op("Sub", "sr_norm_sub", [s, mu])
            var = g.op("ReduceMean", "sr_norm_var", [g.op("Pow", "sr_norm_pow", [dv, g.const(np.array(2.0, np.float32))])],
                       axes=[-1])
            sd = g.op("Sqrt", "sr_norm_sqrt", [g.op("Add", "sr_norm_eps", [var, g.const(np.array(1e-5, np.float32))])])
            s = g.op("Mul", "sr_norm_gamma", [g.op("Div", "sr_norm_div", [dv, sd]),
                                              g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32))])
            s = g.op("Add", "sr_norm_beta", [s, g.w(c)])
        else:
            s = g.op("LayerNormalization", "sr_norm", [s, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)),
                                                       g.w(c)], axis=-1, epsilon=1e-5)
    else:
        s = h
    kv = g.op("Add", "kv_add", [g.w(2 * c), g.op("MatMul", "kv_mm", [s, g.w(c, 2 * c)])])
    kv = g.op("Transpose", "kv_tp", [g.op("Reshape", "kv_rs", [kv, g.ints(1, m, 2, heads, d)])], perm=[2, 0, 3, 1, 4])
    g.nodes.append(g.h.make_node("Split", [kv, g.ints(1, 1)], ["split_0", "split_1"], name="split", axis=0))
    k, v = (g.op("Squeeze", f"sq_{x_}", [p_, g.ints(0)]) for x_, p_ in zip("kv", ("split_0", "split_1")))
    kt = g.op("Transpose", "k_tp", [k], perm=[0, 1, 3, 2])
    if sdpa:
        sc = g.const(np.array(d ** -0.25, np.float32))
        q, kt = g.op("Mul", "q_scale", [q, sc]), g.op("Mul", "k_scale", [kt, sc])
        a = g.op("MatMul", "qk", [q, kt])
    else:
        a = g.op("Mul", "qk_scale", [g.op("MatMul", "qk", [q, kt]), g.const(np.array(d ** -0.5, np.float32))])
    a = g.op("Softmax", "softmax", [a], axis=-1)
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "av", [a, v])], perm=[0, 2, 1, 3])
    o = g.op("Reshape", "o_rs", [o, g.ints(1, n, c)])
    o = g.op("Add", "proj_add", [g.w(c), g.op("MatMul", "proj_mm", [o, g.w(c, c)])])
    o = g.op("Add", "res", [t, o])
    o = g.op("Reshape", "map", [g.op("Transpose", "to_map", [o], perm=[0, 2, 1]), g.ints(1, c, hw, hw)])
    y = conv(g, "post", o, c, c)
    return g.model("x", [1, 3, hw, hw], y, opset=17), {}


def case_tokmlp(hw: int, c: int, act: str, bias: bool = False, w: int = 0) -> tuple[Any, dict[str, Any]]:
    """A token MLP on rank-3 tokens [1, N, C] (N = hw * hw from a Conv map: Reshape [1, C, N] -> Transpose), as
    MetaFormer's (timm CAFormer / ConvFormer) stages write it: residual scale Mul -> + (LayerNorm -> fc1 MatMul to 4C ->
    `act` -> fc2 MatMul to C), then Transpose -> Reshape back -> Conv. `act` "star": StarReLU (Relu -> Pow 2 -> Mul by a
    scale [1] -> Add a bias [1]), "star0": StarReLU with scale 1 and bias 0 (timm's initial values, which a randomly
    initialised export keeps), "gelu": GELU (Erf form), "relu"; `bias`: the Linears with a bias Add. `w` > 0: a map hw x
    w (N = hw * w, no square). Which of fc1's Transpose back and the
    activation's layers run on the CPU by N (rk3566 2.3.2: CAFormer-S18 at 112 px ran fc1's and the StarReLU Mul's
    Transposes on the CPU at 49 tokens, none at 16)?"""
    w = w or hw
    nt = hw * w
    g = G(hw * 1000 + c + 7 * bias + sum(map(ord, act)) + 13 * (w != hw) * w)
    x = conv(g, "pre", "x", 3, c)
    t = g.op("Transpose", "tokens", [g.op("Reshape", "flat", [x, g.ints(1, c, nt)])], perm=[0, 2, 1])
    r = g.op("Mul", "res_scale", [t, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32))])
    h = g.op("LayerNormalization", "norm", [t, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)), g.w(c)],
             axis=-1, epsilon=1e-5)
    h = g.op("MatMul", "fc1_mm", [h, g.w(c, 4 * c)])
    if bias:
        h = g.op("Add", "fc1_add", [h, g.w(4 * c)])
    if act in ("star", "star0"):
        h = g.op("Pow", "act_pow", [g.op("Relu", "act_relu", [h]), g.const(np.array(2.0, np.float32))])
        sb = (1.0, 0.0) if act == "star0" else (0.8, -0.1)
        h = g.op("Add", "act_add", [g.op("Mul", "act_mul", [g.const(np.array([sb[0]], np.float32)), h]),
                                    g.const(np.array([sb[1]], np.float32))])
    elif act == "gelu":
        h = gelu(g, "act", h)
    else:
        h = g.op("Relu", "act", [h])
    h = g.op("MatMul", "fc2_mm", [h, g.w(4 * c, c)])
    if bias:
        h = g.op("Add", "fc2_add", [h, g.w(c)])
    o = g.op("Add", "res", [r, h])
    o = g.op("Reshape", "map", [g.op("Transpose", "to_map", [o], perm=[0, 2, 1]), g.ints(1, c, hw, w)])
    y = conv(g, "post", o, c, c)
    return g.model("x", [1, 3, hw, w], y, opset=17), {}


def case_nhwc_attn(hw: int, heads: int, d: int, mlp: bool = True, blocks: int = 1, form: str = "slice"
                   ) -> tuple[Any, dict[str, Any]]:
    """timm's Attention over a channels-last map, as VOLO's transformer stages run it (x [1, H, W, C] throughout) and
    torch.onnx's dynamo exporter writes it: Conv -> Transpose(0, 2, 3, 1) -> + a position embedding -> `blocks` x (
    LayerNorm -> qkv Linear (no bias) on [1, H, W, C] -> Reshape [1, N, 3, h, d] -> Transpose(2, 0, 3, 1, 4) -> q, k,
    v (`form` "slice": a Slice + Squeeze each, dynamo's unbind; "split": one Split and three Squeezes) -> q * s @ (k^T
    * s) -> Softmax -> @ v -> Transpose(0, 2, 1, 3) -> Reshape [1, H, W, C] -> proj Linear -> + the stream; `mlp`: then
    LayerNorm -> fc1 -> GELU -> fc2 -> + the stream) -> Transpose back -> Conv. Which layout nodes run on the CPU
    (rk3566 2.3.2: VOLO-D1's 14 blocks at 7 x 7, 12 heads of 32, ran the qkv Linear's Transpose back, the qkv
    Transpose, v, the Transpose after the product and the Reshape back to the map on the CPU)?"""
    c, n = heads * d, hw * hw
    g = G(hw * 100 + heads * 10 + d + 3 * mlp + 7 * blocks + 11 * (form == "split"))
    x = conv(g, "pre", "x", 3, c)
    s = g.op("Add", "pos", [g.op("Transpose", "to_nhwc", [x], perm=[0, 2, 3, 1]), g.w(1, hw, hw, c)])
    for b in range(blocks):
        p = f"b{b}_" if b else ""
        h = g.op("LayerNormalization", p + "norm1", [s, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)),
                                                     g.w(c)], axis=-1, epsilon=1e-5)
        h = g.op("MatMul", p + "qkv_mm", [h, g.w(c, 3 * c)])
        h = g.op("Transpose", p + "qkv_tp", [g.op("Reshape", p + "qkv_rs", [h, g.ints(1, n, 3, heads, d)])],
                 perm=[2, 0, 3, 1, 4])
        if form == "split":
            parts = [f"{p}split_{i}" for i in range(3)]
            g.nodes.append(g.h.make_node("Split", [h, g.ints(1, 1, 1)], parts, name=p + "split", axis=0))
        else:
            parts = [g.op("Slice", f"{p}slice_{x_}", [h, g.ints(i), g.ints(i + 1), g.ints(0)])
                     for i, x_ in enumerate("qkv")]
        q, k, v = (g.op("Squeeze", f"{p}sq_{x_}", [t, g.ints(0)]) for x_, t in zip("qkv", parts))
        sc = g.const(np.array(d ** -0.25, np.float32))
        kt = g.op("Transpose", p + "k_tp", [k], perm=[0, 1, 3, 2])
        a = g.op("MatMul", p + "qk", [g.op("Mul", p + "q_scale", [q, sc]), g.op("Mul", p + "k_scale", [kt, sc])])
        a = g.op("Softmax", p + "softmax", [a], axis=-1)
        o = g.op("Transpose", p + "o_tp", [g.op("MatMul", p + "av", [a, v])], perm=[0, 2, 1, 3])
        o = g.op("Reshape", p + "o_rs", [o, g.ints(1, hw, hw, c)])
        o = g.op("Add", p + "proj_add", [g.op("MatMul", p + "proj_mm", [o, g.w(c, c)]), g.w(c)])
        s = g.op("Add", p + "res1", [s, o])
        if mlp:
            h = g.op("LayerNormalization", p + "norm2", [s, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)),
                                                         g.w(c)], axis=-1, epsilon=1e-5)
            h = g.op("Add", p + "fc1_add", [g.op("MatMul", p + "fc1_mm", [h, g.w(c, 3 * c)]), g.w(3 * c)])
            h = gelu(g, p + "act", h)
            h = g.op("Add", p + "fc2_add", [g.op("MatMul", p + "fc2_mm", [h, g.w(3 * c, c)]), g.w(c)])
            s = g.op("Add", p + "res2", [s, h])
    y = conv(g, "post", g.op("Transpose", "to_nchw", [s], perm=[0, 3, 1, 2]), c, c)
    return g.model("x", [1, 3, hw, hw], y, opset=18), {}


def _ln(g: G, name: str, t: str, c: int, eps: float = 1e-5) -> str:
    return g.op("LayerNormalization", name, [t, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)), g.w(c)],
                axis=-1, epsilon=eps)


def _qk_attention(g: G, p: str, x: str, b: int, n: int, heads: int, d: int) -> str:
    """timm TNT's Attention as torch.onnx writes it (opset 17): q and k from one Linear without bias -> Reshape [B, N,
    2, h, d] -> Transpose(2, 0, 3, 1, 4) -> Split -> Squeeze q, k; v from a Linear of its own -> Reshape [B, N, h, d]
    -> Transpose(0, 2, 1, 3); q @ k^T -> scale Mul -> Softmax -> @ v -> Transpose(0, 2, 1, 3) -> Reshape [B, N, C] ->
    proj Linear (bias Add written Add(b, x))."""
    c = heads * d
    qk = g.op("MatMul", p + "qk_mm", [x, g.w(c, 2 * c)])
    qk = g.op("Transpose", p + "qk_tp", [g.op("Reshape", p + "qk_rs", [qk, g.ints(b, n, 2, heads, d)])],
              perm=[2, 0, 3, 1, 4])
    g.nodes.append(g.h.make_node("Split", [qk, g.ints(1, 1)], [p + "split_0", p + "split_1"], name=p + "split",
                                 axis=0))
    q, k = (g.op("Squeeze", f"{p}sq_{x_}", [t, g.ints(0)]) for x_, t in zip("qk", (p + "split_0", p + "split_1")))
    v = g.op("MatMul", p + "v_mm", [x, g.w(c, c)])
    v = g.op("Transpose", p + "v_tp", [g.op("Reshape", p + "v_rs", [v, g.ints(b, n, heads, d)])], perm=[0, 2, 1, 3])
    a = g.op("MatMul", p + "qk", [q, g.op("Transpose", p + "k_tp", [k], perm=[0, 1, 3, 2])])
    a = g.op("Softmax", p + "softmax", [g.op("Mul", p + "scale", [a, g.const(np.array(d ** -0.5, np.float32))])],
             axis=-1)
    o = g.op("Transpose", p + "o_tp", [g.op("MatMul", p + "av", [a, v])], perm=[0, 2, 1, 3])
    o = g.op("Reshape", p + "o_rs", [o, g.ints(b, n, c)])
    return g.op("Add", p + "proj_add", [g.w(c), g.op("MatMul", p + "proj_mm", [o, g.w(c, c)])])


def case_tnt(b: int, side: int, c: int, heads: int, oheads: int, cls: bool = True, blocks: int = 1
             ) -> tuple[Any, dict[str, Any]]:
    """A Transformer-in-Transformer block as timm's TNT exports it (opset 17), between its pixel embedding and a
    Linear: a Conv over B patches [B, c, side, side] -> Reshape [B, c, P] -> Transpose to pixel tokens [B, P, c]
    (P = side^2), which (1) the outer stream's first projection reads, Reshape [1, B, P * c] -> LayerNorm -> Linear ->
    LayerNorm (`cls`: behind a class token, Concat, N = B + 1 tokens) and (2) the inner block: LayerNorm -> TNT's
    attention over the B patches (_qk_attention: `heads` heads of c / heads) -> + -> LayerNorm -> MLP (GELU) -> +;
    then the block's projection to the outer stream (Reshape [1, B, P * c] -> LayerNorm -> Linear -> LayerNorm, added
    to the patch tokens, the class token Concatenated back) -> LayerNorm -> the outer attention (`oheads` heads over
    N tokens of P * c) -> + -> Linear -> + (`blocks` such blocks in a row) -> output. Which layout nodes run on the
    CPU, by patches B, pixels P, head widths and the outer token count (rk3566 2.3.2: TNT-S at 112 px (B 49, P 16, c 24, 4 inner and 6 outer heads) ran
    the inner v Transpose, the inner Reshape back, both projections' Reshapes and the outer v Reshape / Transpose on
    the CPU)?"""
    p_, d, oc = side * side, c // heads, side * side * c
    n = b + cls
    g = G(b * 1000 + side * 100 + c + heads * 7 + oheads * 11 + cls)
    x = conv(g, "pix", "x", 3, c)
    t = g.op("Transpose", "pix_tp", [g.op("Reshape", "pix_rs", [x, g.ints(b, c, p_)])], perm=[0, 2, 1])

    def proj(p: str, src: str, bias: bool) -> str:
        h = g.op("Reshape", p + "fold", [src, g.ints(1, b, oc)])
        h = g.op("MatMul", p + "proj_mm", [_ln(g, p + "norm1_proj", h, oc), g.w(oc, oc)])
        if bias:  # (timm's first projection has a bias, the blocks' as torch.onnx writes them none)
            h = g.op("Add", p + "proj_add", [g.w(oc), h])
        return _ln(g, p + "norm2_proj", h, oc)

    o = proj("", t, True)
    if cls:
        o = g.op("Concat", "cls_cat", [g.w(1, 1, oc), o], axis=1)
    o = g.op("Add", "pos", [o, g.w(1, n, oc)])
    for i in range(blocks):
        p = f"k{i}_" if i else ""
        # the inner block
        h = _qk_attention(g, p + "in_", _ln(g, p + "norm_in", t, c), b, p_, heads, d)
        t = g.op("Add", p + "in_res1", [t, h])
        h = _ln(g, p + "norm_mlp_in", t, c)
        h = g.op("Add", p + "in_fc1_add", [g.w(4 * c), g.op("MatMul", p + "in_fc1_mm", [h, g.w(c, 4 * c)])])
        h = g.op("Add", p + "in_fc2_add", [g.w(c), g.op("MatMul", p + "in_fc2_mm", [gelu(g, p + "in_act", h),
                                                                                   g.w(4 * c, c)])])
        t = g.op("Add", p + "in_res2", [t, h])
        # back to the outer stream
        h = proj(p + "b_", t, False)
        if cls:
            head = g.op("Slice", p + "cls_take", [o, g.ints(0), g.ints(1), g.ints(1)])
            rest = g.op("Slice", p + "patch_take", [o, g.ints(1), g.ints(n), g.ints(1)])
            o = g.op("Concat", p + "cls_back", [head, g.op("Add", p + "patch_add", [rest, h])], axis=1)
        else:
            o = g.op("Add", p + "patch_add", [o, h])
        h = _qk_attention(g, p + "out_", _ln(g, p + "norm_out", o, oc), 1, n, oheads, oc // oheads)
        o = g.op("Add", p + "out_res1", [o, h])
        h = g.op("Add", p + "tail_add", [g.w(oc), g.op("MatMul", p + "tail_mm", [_ln(g, p + "norm_mlp", o, oc),
                                                                                 g.w(oc, oc)])])
        o = g.op("Add", p + "out_res2", [o, h])
    y = o
    return g.model("x", [b, 3, side, side], y, opset=17), {}


def case_hsm(c: int, hw: int, s: int, blocks: int = 2, head: bool = True) -> tuple[Any, dict[str, Any]]:
    """EfficientViM's HSM-SSD mixer as timm exports it (opset 17), `blocks` in a row on a [1, C, hw, hw] Conv map: the
    channels-last LayerNorm (Transpose -> LayerNorm -> Transpose back) -> Reshape [1, C, L] (L = hw^2) -> Conv1d to 3S
    -> Reshape [1, 3S, hw, hw] -> depthwise 3x3 Conv -> Reshape [1, 3S, L] -> Split in B, C, dt -> dt + A -> Softmax
    over L -> * B -> Transpose to [1, L, S] -> x @ that = the state [1, C, S] -> Conv1d to 2C -> Split -> SiLU gate
    -> Mul, + D * h -> out_proj Conv1d -> @ C -> [1, C, L] -> Reshape to the map -> + the stream. `head`: the last
    block's state also to the stage's classifier (Transpose -> LayerNorm -> Transpose back -> ReduceMean over S ->
    Gemm), added to the map's pooled Gemm. Which layout nodes run on the CPU by C, the map and the state size S (rk3566
    2.3.2: EfficientViM-M1 at 112 px ran the Reshape into the depthwise Conv, the Transpose of B's weights, a
    Transpose after the first block's out_proj and the head's Transposes on the CPU)?"""
    n = hw * hw
    g = G(c * 100 + hw * 10 + s + 7 * blocks + 3 * head)
    x = conv(g, "stem", "x", 3, c)
    hz = None
    for i in range(blocks):
        p = f"k{i}_"
        h = g.op("Transpose", p + "norm_tp", [x], perm=[0, 2, 3, 1])
        h = g.op("Transpose", p + "norm_back", [_ln(g, p + "norm", h, c)], perm=[0, 3, 1, 2])
        t = g.op("Reshape", p + "tokens", [h, g.ints(1, c, n)])
        b = g.op("Conv", p + "bcdt", [t, g.w(3 * s, c, 1)], kernel_shape=[1])
        b = g.op("Reshape", p + "to_map", [b, g.ints(1, 3 * s, hw, hw)])
        b = g.op("Conv", p + "dw", [b, g.w(3 * s, 1, 3, 3)], kernel_shape=[3, 3], pads=[1, 1, 1, 1], group=3 * s)
        b = g.op("Reshape", p + "from_map", [b, g.ints(1, 3 * s, n)])
        parts = [f"{p}split_{j}" for j in range(3)]
        g.nodes.append(g.h.make_node("Split", [b, g.ints(s, s, s)], parts, name=p + "split", axis=1))
        a = g.op("Softmax", p + "softmax", [g.op("Add", p + "dt_a", [parts[2], g.w(1, s, 1)])], axis=-1)
        a = g.op("Transpose", p + "b_tp", [g.op("Mul", p + "ab", [a, parts[0]])], perm=[0, 2, 1])
        st = g.op("MatMul", p + "state", [t, a])
        z = g.op("Conv", p + "hz", [st, g.w(2 * c, c, 1)], kernel_shape=[1])
        g.nodes.append(g.h.make_node("Split", [z, g.ints(c, c)], [p + "h", p + "z"], name=p + "hz_split", axis=1))
        gate = g.op("Mul", p + "silu", [p + "z", g.op("Sigmoid", p + "sig", [p + "z"])])
        y = g.op("Add", p + "skip", [g.op("Mul", p + "gated", [p + "h", gate]),
                                      g.op("Mul", p + "d", [p + "h", g.w(1)])])
        hz = g.op("Conv", p + "out_proj", [y, g.w(c, c, 1)], kernel_shape=[1])
        o = g.op("Reshape", p + "back", [g.op("MatMul", p + "read", [hz, parts[1]]), g.ints(1, c, hw, hw)])
        x = g.op("Add", p + "res", [x, o])
    pooled = g.op("ReduceMean", "pool", [g.op("Reshape", "flat", [x, g.ints(1, c, n)])], axes=[-1], keepdims=0)
    y = g.op("Gemm", "fc", [pooled, g.w(10, c), g.w(10)], transB=1)  # (as EfficientViM's last head)
    if head:
        h = g.op("Transpose", "head_tp", [hz], perm=[0, 2, 1])
        h = g.op("Transpose", "head_back", [_ln(g, "head_norm", h, c)], perm=[0, 2, 1])
        h = g.op("ReduceMean", "head_pool", [h], axes=[-1], keepdims=0)
        y = g.op("Add", "heads", [y, g.op("Gemm", "head_fc", [h, g.w(10, c), g.w(10)], transB=1)])
    return g.model("x", [1, 3, hw, hw], y, opset=17), {}


def layer_norm_written(g: G, name: str, t: str, scale: str, bias: str, eps: float = 1e-6) -> str:
    """A LayerNorm over the last axis written out as torch.onnx writes it without LayerNormalization (the last node
    is `name`)."""
    mean = g.op("ReduceMean", name + "_mean", [t], axes=[-1], keepdims=1)
    d = g.op("Sub", name + "_sub", [t, mean])
    v = g.op("ReduceMean", name + "_var", [g.op("Pow", name + "_pow", [d, g.const(np.array(2.0, np.float32))])],
             axes=[-1], keepdims=1)
    v = g.op("Sqrt", name + "_sqrt", [g.op("Add", name + "_eps", [v, g.const(np.array(eps, np.float32))])])
    return g.op("Add", name, [g.op("Mul", name + "_mul", [g.op("Div", name + "_div", [d, v]), scale]), bias])


def gelu(g: G, name: str, t: str, form: str = "ts") -> str:
    """GELU as torch.onnx's TorchScript exporter writes it (x * (1 + erf(x / sqrt 2)) * 0.5), which the toolkit
    fuses; `form` "dynamo": the order torch.onnx's dynamo exporter writes below opset 20 (x * (0.5 * (1 + erf))),
    "half_first": (x * 0.5) * (1 + erf), "rsqrt2": the TorchScript order with erf(x * 0.7071) for the Div."""
    if form == "rsqrt2":
        u = g.op("Mul", name + "_div", [t, g.const(np.array(0.70710677, np.float32))])
    else:
        u = g.op("Div", name + "_div", [t, g.const(np.array(1.4142135, np.float32))])
    u = g.op("Erf", name + "_erf", [u])
    u = g.op("Add", name + "_add", [u, g.const(np.array(1.0, np.float32))])
    half = g.const(np.array(0.5, np.float32))
    if form == "dynamo":
        return g.op("Mul", name + "_mul", [t, g.op("Mul", name + "_half", [half, u])])
    if form == "half_first":
        return g.op("Mul", name + "_mul", [g.op("Mul", name + "_half", [t, half]), u])
    u = g.op("Mul", name + "_mul", [t, u])
    return g.op("Mul", name + "_half", [u, half])


def case_gelu_form(form: str, rank: int, c: int = 64, n: int = 64) -> tuple[Any, dict[str, Any]]:
    """GELU written in `form` (gelu()) between two real NPU layers: rank 4, Conv -> GELU -> Conv on [1, C, 8, 8];
    rank 3, a Linear (MatMul + bias Add) -> GELU -> Linear on [1, N, C] tokens (timm's Mlp)."""
    g = G(c + n + rank + len(form))
    if rank == 4:
        x = conv(g, "pre", "x", 3, c)
        y = conv(g, "post", gelu(g, "act", x, form), c, c)
        return g.model("x", [1, 3, 8, 8], y), {}
    h = g.op("Add", "fc1_add", [g.op("MatMul", "fc1_mm", ["x", g.w(c, 2 * c)]), g.w(2 * c)])
    h = gelu(g, "act", h, form)
    y = g.op("Add", "fc2_add", [g.op("MatMul", "fc2_mm", [h, g.w(2 * c, c)]), g.w(c)])
    return g.model("x", [1, n, c], y), {}


def _glu_block(g: G, p: str, x: str, c: int, split: bool) -> str:
    hid = int(8 / 3 * c)
    h = g.op("LayerNormalization", p + "norm", [x, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)), g.w(c)],
             axis=-1, epsilon=1e-6)

    if split:
        h = g.op("MatMul", p + "fc1_mm", [h, g.w(c, 2 * hid)])
        h = g.op("Add", p + "fc1_add", [g.w(2 * hid), h])
        parts = [p + "split_g", p + "split_i", p + "split_c"]
        g.nodes.append(g.h.make_node("Split", [h, g.ints(hid, hid - c, c)], [q + "_y" for q in parts],
                                     name=p + "split", axis=-1))
        t = g.op("Transpose", p + "c_nchw", [p + "split_c_y"], perm=[0, 3, 1, 2])
        t = g.op("Conv", p + "dw", [t, g.w(c, 1, 7, 7), g.w(c)], kernel_shape=[7, 7], pads=[3] * 4, group=c)
        t = g.op("Transpose", p + "c_nhwc", [t], perm=[0, 2, 3, 1])
        t = g.op("Concat", p + "cat", [p + "split_i_y", t], axis=-1)
        h = g.op("Mul", p + "gate", [gelu(g, p + "act", p + "split_g_y"), t])
    else:
        h = g.op("MatMul", p + "fc1_mm", [h, g.w(c, hid)])
        h = g.op("Add", p + "fc1_add", [g.w(hid), h])
        h = gelu(g, p + "act", h)
    h = g.op("MatMul", p + "fc2_mm", [h, g.w(hid, c)])
    h = g.op("Add", p + "fc2_add", [g.w(c), h])
    return g.op("Add", p + "res", [h, x])


def case_zero(c: int, hw: int, zero: bool) -> tuple[Any, dict[str, Any]]:
    """Conv -> [Sigmoid -> Log (a CPU op on every family measured) -> 1x1 Conv] -> Add the trunk -> Conv; `zero`: the
    branch's 1x1 Conv weight all zero (its bias not), as timm initialises the last layer of some residual branches:
    the branch's output is then its bias whatever the input. Does the toolkit drop the CPU Log in front of it?"""
    g = G(c * hw + zero)
    x = conv(g, "pre", "x", 3, c)
    h = g.op("Sigmoid", "sig", [x])
    h = g.op("Log", "log", [h])
    w = g.const(np.zeros((c, c, 1, 1), np.float32)) if zero else g.w(c, c, 1, 1)
    h = g.op("Conv", "branch", [h, w, g.w(c)], kernel_shape=[1, 1])
    h = g.op("Add", "res", [x, h])
    y = conv(g, "post", h, c, c)
    return g.model("x", [1, 3, hw, hw], y), {}


def case_zero_se(c: int, hw: int, zero: str) -> tuple[Any, dict[str, Any]]:
    """A residual block's last Conv with an all-zero weight and a squeeze-excite behind it, as timm's ResNet-RS with
    random weights (zero_init_last: BN gamma 0 folded into conv3): Conv -> Relu -> 1x1 Conv [`zero` "init": weight
    and bias all zero; "bias": the weight all zero, a random bias; "ctl": both random] -> ReduceMean over H, W ->
    1x1 Conv -> Relu -> 1x1 Conv -> Sigmoid -> Mul the branch -> Add the trunk -> Relu -> Conv. The control's mean
    takes a CPU Reshape on the Conv in front where neither side is a multiple of 4 (rk3588 2.3.0, `reduces_plane`):
    does the toolkit fold the mean and the excite behind the zero Conv before it places them?"""
    g = G(c * hw + len(zero))
    x = g.op("Relu", "act", [conv(g, "pre", "x", 3, c)])
    w = g.const(np.zeros((c, c, 1, 1), np.float32)) if zero != "ctl" else g.w(c, c, 1, 1)
    b = g.const(np.zeros(c, np.float32)) if zero == "init" else g.w(c)
    h = g.op("Conv", "conv3", [x, w, b], kernel_shape=[1, 1])
    s = g.op("ReduceMean", "se_mean", [h], axes=[2, 3], keepdims=1)
    s = g.op("Relu", "se_act", [g.op("Conv", "se_fc1", [s, g.w(c // 4, c, 1, 1), g.w(c // 4)], kernel_shape=[1, 1])])
    s = g.op("Sigmoid", "se_gate", [g.op("Conv", "se_fc2", [s, g.w(c, c // 4, 1, 1), g.w(c)], kernel_shape=[1, 1])])
    h = g.op("Relu", "out_act", [g.op("Add", "res", [g.op("Mul", "se_mul", [h, s]), x])])
    y = conv(g, "post", h, c, c)
    return g.model("x", [1, 3, hw, hw], y), {}


def case_zero_mul(c: int, hw: int, zero: bool, scalar_input: bool) -> tuple[Any, dict[str, Any]]:
    """A Mul by an all-zero constant: `scalar_input` False, Conv -> [Sigmoid -> Log (CPU) -> Mul] -> Add the trunk ->
    Conv; True, as silero-vad ties its sample-rate input into its state output: an int64 rank-0 graph input `sr` ->
    [Mul] -> Cast to float -> Add to the trunk -> Conv (the int64 Mul and the Cast run on the CPU). `zero`: the
    bracketed Mul's constant is 0 (else 3). Does the toolkit fold the Mul, what only it feeds, and the CPU op in front
    of it? (An int64 Mul by 2 in front of the Mul by 0 failed the build on rk3562, 2.5.0: TypeError in
    fold_constant's check_inputs.)"""
    from onnx import TensorProto

    g = G(c * hw + zero + 2 * scalar_input)
    x = conv(g, "pre", "x", 3, c)
    if scalar_input:
        h = g.op("Mul", "branch", ["sr", g.const(np.array(0 if zero else 3, np.int64))])
        h = g.op("Cast", "cast", [h], to=TensorProto.FLOAT)
    else:
        h = g.op("Log", "log", [g.op("Sigmoid", "sig", [x])])
        h = g.op("Mul", "branch", [h, g.const(np.zeros(1, np.float32) if zero else np.full(1, 3.0, np.float32))])
    h = g.op("Add", "res", [x, h])
    y = conv(g, "post", h, c, c)
    extra = (("sr", TensorProto.INT64, []),) if scalar_input else ()
    return g.model("x", [1, 3, hw, hw], y, opset=15, extra=extra), {}


def case_zero_add(n: int, k: int, offset: str) -> tuple[Any, dict[str, Any]]:
    """RT-DETR's query selection: Conv -> tokens [1, N, C] -> ReduceMax over C -> TopK k -> its int64 indices
    Reshape [k] -> Add an offset -> Gather the tokens [N, C] -> MatMul. `offset` "zero": an all-zero int64 initializer
    [1]; "computed": zeros the graph computes from shapes, as ultralytics' RT-DETR adds `arange(batch) * N` (Shape ->
    Gather -> Range -> Unsqueeze -> Tile -> Reshape -> Mul by N: [0] for one image, folded by the toolkit); "one": a
    constant 1 (the control, the rows Concat with one more: the int64 Add of computed indices runs on the CPU). Does the toolkit remove an Add of
    zeros (`remove_invalid_add`) with the CPU layer it would make?"""
    g = G(n * k + len(offset))
    c = 32
    side = int(round(n ** 0.5))
    x = conv(g, "pre", "x", 3, c)
    t = g.op("Reshape", "flat", [x, g.ints(1, c, side * side)])
    t = g.op("Transpose", "tokens", [t], perm=[0, 2, 1])
    score = g.op("ReduceMax", "score", [t], axes=[-1], keepdims=0)
    g.nodes.append(g.h.make_node("TopK", [score, g.ints(k)], ["topk_v", "topk_i"], name="topk", axis=1))
    idx = g.op("Reshape", "idx", ["topk_i", g.ints(-1)])
    if offset == "computed":
        b = g.op("Gather", "batch", [g.op("Shape", "shape", [t]), g.const(np.array(0, np.int64))], axis=0)
        r = g.op("Range", "range", [g.const(np.array(0, np.int64)), b, g.const(np.array(1, np.int64))])
        r = g.op("Unsqueeze", "unsq", [r, g.ints(-1)])
        r = g.op("Tile", "tile", [r, g.ints(1, k)])
        r = g.op("Reshape", "offs", [r, g.ints(-1)])
        off = g.op("Mul", "scale", [r, g.const(np.array(side * side, np.int64))])
    else:
        off = g.const(np.array([0 if offset == "zero" else 1], np.int64))
    idx = g.op("Add", "add", [idx, off])
    rows = g.op("Reshape", "rows", [t, g.ints(side * side, c)])
    if offset == "one":  # one row more, so that the largest index plus one stays in range (onnxruntime checks)
        rows = g.op("Concat", "pad_row", [rows, g.const(np.zeros((1, c), np.float32))], axis=0)
    sel = g.op("Gather", "sel", [rows, idx], axis=0)
    y = g.op("MatMul", "proj", [sel, g.w(c, c)])
    return g.model("x", [1, 3, side, side], y), {}


def case_wide(n: int, linear: str, softmax: bool, t: int = 40, c: int = 120,
              mid: bool = False) -> tuple[Any, dict[str, Any]]:
    """A Linear with N output features, as OCR recognisers end (PP-OCRv5 rec: [1, 40, 120] @ [120, 18385] -> Softmax;
    ddddocr: Gemm [20, 1024] x [8210, 1024]^T -> Reshape [20, 1, 8210]): `linear` "matmul" (Conv -> Reshape [1, C, T]
    -> Transpose -> MatMul -> bias Add -> [Softmax] -> output), "gemm" (the same to [T, C], Gemm transB with a bias, Reshape to
    [T, 1, N]) or "none" (a Softmax alone: x [1, T, N] -> Add -> Softmax -> Add). Does the toolkit's Transpose back
    of the Linear (`<out>_mm_tp`), or the Softmax, leave the NPU past some N? `mid`: the Linear inside a transformer
    block instead (its output through a Relu into a second Linear back to C and a residual Add: a ViT's MLP)."""
    g = G(n + t + len(linear) + softmax + 3 * mid)
    if linear == "none":
        h = g.op("Add", "front", ["x", g.const(np.array(0.5, np.float32))])
        h = g.op("Softmax", "sm", [h], axis=-1)
        y = g.op("Add", "back", [h, g.const(np.array(0.5, np.float32))])
        return g.model("x", [1, t, n], y), {}
    h = g.op("Conv", "pre", ["x", g.w(c, 3, 1, 3), g.w(c)], kernel_shape=[1, 3], pads=[0, 1, 0, 1])
    h = g.op("Transpose", "tp", [g.op("Reshape", "rs", [h, g.ints(1, c, t)])], perm=[0, 2, 1])
    if linear == "gemm":
        h = g.op("Reshape", "rs2", [h, g.ints(t, c)])
        h = g.op("Gemm", "fc", [h, g.w(n, c), g.w(n)], transB=1)
        y = g.op("Reshape", "rs3", [h, g.ints(t, 1, n)])
    else:
        y = g.op("Add", "fc_bias", [g.op("MatMul", "fc", [h, g.w(c, n)]), g.w(n)])
        if mid:
            y = g.op("Relu", "act", [y])
            y = g.op("Add", "res", [h, g.op("Add", "fc2_bias", [g.op("MatMul", "fc2", [y, g.w(n, c)]), g.w(c)])])
    if softmax:
        y = g.op("Softmax", "sm", [y], axis=-1)
    return g.model("x", [1, 3, 1, t], y), {}


def case_wrows(n: int, t: int, front: str, softmax: bool = True, c: int = 120) -> tuple[Any, dict[str, Any]]:
    """The rows side of `wide` (rk3566's `aligned: {rows: 4}` rested on T = 10 alone, behind the Conv -> Reshape ->
    Transpose front): a Linear [.., T, C] @ [C, N] + bias [-> Softmax] at row counts T no multiple of 4, fed by
    `front` "tp" (the `wide` front: Conv -> Reshape [1, C, T] -> Transpose), "add" (x [1, T, C] -> Add, as a ViT's
    LayerNorm feeds its qkv: EVA-02's 65 tokens) or "seq" (x [T, 1, C] -> Add: a sequence-first batch of one, as
    torch's MultiheadAttention exports the in-projection: the transformer decoder's [24, 1, 128]). Is the Linear's
    Transpose back on the CPU by T, or only behind the Transpose front?"""
    g = G(n + 7 * t + len(front) + softmax)
    if front == "tp":
        h = g.op("Conv", "pre", ["x", g.w(c, 3, 1, 3), g.w(c)], kernel_shape=[1, 3], pads=[0, 1, 0, 1])
        h = g.op("Transpose", "tp", [g.op("Reshape", "rs", [h, g.ints(1, c, t)])], perm=[0, 2, 1])
        x = [1, 3, 1, t]
    else:
        x = [1, t, c] if front == "add" else [t, 1, c]
        h = g.op("Add", "front", ["x", g.const(np.array(0.5, np.float32))])
    y = g.op("Add", "fc_bias", [g.op("MatMul", "fc", [h, g.w(c, n)]), g.w(n)])
    y = g.op("Softmax", "sm", [y], axis=-1) if softmax else g.op("Relu", "act", [y])
    return g.model("x", x, y), {}


def case_in3(c: int, t: int, front: str) -> tuple[Any, dict[str, Any]]:
    """A rank-3 graph input [1, C, T] read by a Conv1d (`front` "conv": an audio TCN's log-mel frames, PointNet's
    points), [1, T, C] by a MatMul with a weight ("matmul": a decoder's one-hot tokens) or [1, C, T] by a Conv1d and
    as the second operand of a MatMul with a [1, C, C] matrix computed from it ("tnet": PointNet's input transform,
    Conv1d -> ReduceMax -> Linear -> Reshape [1, C, C] -> MatMul(T, x) -> Conv1d): is the Reshape the toolkit
    puts on the input (`Reshape:<input>_rs`) on the CPU, and by which sizes? (unseen set 4: [1, 40, 101] into a
    Conv1d and [1, 24, 500] into a MatMul on the CPU on rk3588 with 2.3.2, [1, 3, 1024] on the NPU there.)"""
    g = G(c * 7 + t + len(front))
    if front == "conv":
        h = g.op("Conv", "front", ["x", g.w(32, c, 3), g.w(32)], kernel_shape=[3], pads=[1, 1])
        h = g.op("Conv", "post", [g.op("Relu", "act", [h]), g.w(32, 32, 1), g.w(32)], kernel_shape=[1])
        return g.model("x", [1, c, t], h), {}
    if front in ("tnet", "tnet_add"):
        h = g.op("Relu", "t_act", [g.op("Conv", "t_conv", ["x", g.w(32, c, 1), g.w(32)], kernel_shape=[1])])
        h = g.op("ReduceMax", "t_max", [h], axes=[2], keepdims=0)
        h = g.op("Reshape", "t_rs", [g.op("MatMul", "t_fc", [h, g.w(32, c * c)]), g.ints(1, c, c)])
        if front == "tnet_add":  # PointNet as written: the identity added to the regressed matrix
            h = g.op("Add", "t_eye", [h, g.const(np.eye(c, dtype=np.float32)[None])])
        h = g.op("MatMul", "front", [h, "x"])
        h = g.op("Conv", "post", [h, g.w(32, c, 1), g.w(32)], kernel_shape=[1])
        return g.model("x", [1, c, t], h), {}
    h = g.op("Add", "bias", [g.op("MatMul", "front", ["x", g.w(c, 64)]), g.w(64)])
    h = g.op("MatMul", "post", [g.op("Relu", "act", [h]), g.w(64, 64)])
    return g.model("x", [1, t, c], h), {}


def case_gau(t: int, d: int, e: int, form: str) -> tuple[Any, dict[str, Any]]:
    """A gated attention unit's token mixing (RTMPose's GAU, unseen set 8): x [1, T, D] -> Linear to 2E + S, Split into
    u / v / base; q, k from base; A = relu(q k^T / s)^2 [1, T, T] (`form` "sq": squared by Mul(a, a); "softmax": a
    Softmax) -> A @ v -> * u -> Linear back. Is the Reshape the toolkit adds after the square (before the MatMul with
    the computed v) on the CPU, as after PointNet's [1, C, C] T-net matrix (in3_tnet_add) into the MatMul with the
    points?"""
    g = G(t * 13 + d + e + len(form))
    s = 64
    h = g.op("MatMul", "uv", ["x", g.w(d, 2 * e + s)])
    g.op("Split", "split", [h, g.ints(e, e, s)], axis=2)
    g.nodes[-1].output[:] = ["u_y", "v_y", "base_y"]
    u, v, base = "u_y", "v_y", "base_y"
    q = g.op("Add", "q", [g.op("Mul", "qg", [base, g.w(s)]), g.w(s)])
    k = g.op("Add", "k", [g.op("Mul", "kg", [base, g.w(s)]), g.w(s)])
    a = g.op("MatMul", "qk", [q, g.op("Transpose", "kt", [k], perm=[0, 2, 1])])
    a = g.op("Div", "scale", [a, g.const(np.array(8.0, np.float32))])
    if form == "softmax":
        a = g.op("Softmax", "sm", [a], axis=-1)
    else:
        r = g.op("Relu", "relu", [a])
        a = g.op("Mul", "square", [r, r])
    y = g.op("Mul", "gate", [u, g.op("MatMul", "av", [a, v])])
    y = g.op("MatMul", "o", [y, g.w(e, d)])
    return g.model("x", [1, t, d], y), {}


def case_in3ln(t: int, c: int, front: str) -> tuple[Any, dict[str, Any]]:
    """A transformer encoder that takes its token embeddings as the graph input, as issue reports' ViT / text encoders
    export (x[1, T, C]): `front` "ln": LayerNormalization (opset 17) -> Linear; "lnd": the same LayerNorm written out
    (ReduceMean / Sub / Pow / ReduceMean / Add / Sqrt / Div / Mul / Add, TorchScript below opset 17); "pos": a
    position embedding Add, then the LayerNorm -> Linear; "rs": a Reshape to [T, C] first (a flat LayerNorm);
    "revin": a time series normalised over its T steps (RevIN: x - mean over axis 1, / sqrt(var + eps)) -> Transpose
    to [1, C, T] -> Linear T -> T (iTransformer's variate tokens, unseen set 13). Is the
    Reshape the toolkit puts on the input (`Reshape:<input>_rs`) on the CPU, and by which T and C? (issue repros:
    [1, 4, 256] and [1, 1370, 384] into a LayerNormalization: a CPU input layer on rk3566 fp16 with 2.3.2 and 2.5.0;
    [1, 50, 256] into a Reshape: none.)"""
    g = G(t * 7 + c + 11 * len(front))
    x = "x"
    if front == "pos":
        x = g.op("Add", "pos", [x, g.w(1, t, c)])
    if front == "rs":
        x = g.op("Reshape", "to_rows", [x, g.ints(t, c)])
    if front == "revin":
        mu = g.op("ReduceMean", "rv_mean", [x], axes=[1])
        d = g.op("Sub", "rv_sub", [x, mu])
        var = g.op("ReduceMean", "rv_var", [g.op("Mul", "rv_sq", [d, d])], axes=[1])
        sd = g.op("Sqrt", "rv_sqrt", [g.op("Add", "rv_eps", [var, g.const(np.array(1e-5, np.float32))])])
        x = g.op("Transpose", "rv_tp", [g.op("Div", "rv_div", [d, sd])], perm=[0, 2, 1])
        y = g.op("Add", "fc_b", [g.op("MatMul", "fc", [x, g.w(t, t)]), g.w(t)])
        return g.model("x", [1, t, c], y, opset=13), {"front": front}
    if front == "lnd":
        mu = g.op("ReduceMean", "ln_rm0", [x], axes=[-1])
        d = g.op("Sub", "ln_sub", [x, mu])
        var = g.op("ReduceMean", "ln_rm1", [g.op("Pow", "ln_pow", [d, g.const(np.array(2.0, np.float32))])], axes=[-1])
        sd = g.op("Sqrt", "ln_sqrt", [g.op("Add", "ln_eps", [var, g.const(np.array(1e-5, np.float32))])])
        x = g.op("Add", "ln_b", [g.op("Mul", "ln_g", [g.op("Div", "ln_div", [d, sd]), g.w(c)]), g.w(c)])
    else:
        x = _ln(g, "norm", x, c)
    y = g.op("Add", "fc_b", [g.op("MatMul", "fc", [x, g.w(c, c)]), g.w(c)])
    return g.model("x", [1, t, c], y, opset=13 if front == "lnd" else 17), {"front": front}


def case_focus(h: int, w: int, form: str, tail: str) -> tuple[Any, dict[str, Any]]:
    """YOLOv5's Focus stem (x[..., ::2, ::2], x[..., 1::2, ::2], x[..., ::2, 1::2], x[..., 1::2, 1::2] -> Concat on the
    channels) on the graph input x[1, 3, H, W]: `form` "shared": two strided-H Slices each read by two strided-W ones
    (TorchScript of torch 2.x shares them: unseen set 12's YOLOP-lite), "pairs": four separate pairs (older exports);
    `tail` "conv": the stem's 3x3 Conv (12 -> 32) and a Relu behind the Concat, "out": the Concat is the output. Does
    the toolkit make the stem one Conv or run the Slices on the CPU? (The probe's focus_shared, with no Conv behind,
    was one NPU Conv with 2.3.2 on rk3588; YOLOP-lite's six Slices at 384 x 640 ran on the CPU there.)"""
    g = G(h * 3 + w + 7 * len(form) + len(tail))
    step, zero, one, end = g.ints(2), g.ints(0), g.ints(1), g.ints(2 ** 62)
    ax2, ax3 = g.ints(2), g.ints(3)
    parts = []
    if form == "shared":
        hs = [g.op("Slice", f"h{k}", ["x", st, end, ax2, step]) for k, st in enumerate((zero, one))]
        for k, (ws, hk) in enumerate(((zero, 0), (zero, 1), (one, 0), (one, 1))):
            parts.append(g.op("Slice", f"w{k}", [hs[hk], ws, end, ax3, step]))
    else:
        for k, (hs_, ws) in enumerate(((zero, zero), (one, zero), (zero, one), (one, one))):
            hk = g.op("Slice", f"h{k}", ["x", hs_, end, ax2, step])
            parts.append(g.op("Slice", f"w{k}", [hk, ws, end, ax3, step]))
    y = g.op("Concat", "cat", parts, axis=1)
    if tail == "conv":
        y = g.op("Relu", "act", [conv(g, "stem", y, 12, 32)])
    return g.model("x", [1, 3, h, w], y, opset=12), {"form": form, "tail": tail}


def case_integral(k: int, h: int, w: int, hm_out: bool = True) -> tuple[Any, dict[str, Any]]:
    """An integral (soft-argmax) pose head: Conv to K heatmaps [1, K, H, W] -> Reshape [1, K, H * W] -> Softmax over
    the last axis -> Reshape [1, K, H, W] -> ReduceSum over H (axes [2], keepdims 0) -> Mul by 0..W-1 -> ReduceSum over
    the last axis, the same over W (axes [3]) with 0..H-1 -> Unsqueeze -> Concat -> keypoints [1, K, 2]; `hm_out`: the
    heatmaps are a graph output too (as the exported head has them). Which of the Reshapes, the Reduces' inputs and
    the Muls does the toolkit hand to the CPU (unseen set 4, rk3566 fp16 2.3.2 and 2.5.0: both Reshapes, a Transpose
    on the Softmax's Reshape for each ReduceSum and one after each Mul)?"""
    from onnx import helper

    g = G(k * 1000 + h * 10 + w + hm_out)
    x = g.op("Relu", "act", [conv(g, "pre", "x", 3, 16)])
    hm = g.op("Conv", "hm", [x, g.w(k, 16, 1, 1), g.w(k)], kernel_shape=[1, 1])
    p = g.op("Reshape", "rs_in", [g.op("Softmax", "sm", [g.op("Reshape", "rs", [hm, g.ints(1, k, h * w)])], axis=-1),
                                  g.ints(1, k, h, w)])
    cx = g.op("ReduceSum", "sum_x", [g.op("Mul", "mul_x", [g.op("ReduceSum", "marg_x", [p, g.ints(2)], keepdims=0),
                                                          g.const(np.arange(w, dtype=np.float32))]), g.ints(-1)],
              keepdims=0)
    cy = g.op("ReduceSum", "sum_y", [g.op("Mul", "mul_y", [g.op("ReduceSum", "marg_y", [p, g.ints(3)], keepdims=0),
                                                          g.const(np.arange(h, dtype=np.float32))]), g.ints(-1)],
              keepdims=0)
    y = g.op("Concat", "kpts", [g.op("Unsqueeze", "unsq_x", [cx, g.ints(-1)]),
                                g.op("Unsqueeze", "unsq_y", [cy, g.ints(-1)])], axis=-1)
    m = g.model("x", [1, 3, h, w], y, opset=15)
    if hm_out:
        m.graph.output.append(helper.make_tensor_value_info(hm, 1, [1, k, h, w]))
    return m, {}


def case_xattn(t: int, s: int, d: int = 128, heads: int = 4, mem: str = "input", packed: bool = True
               ) -> tuple[Any, dict[str, Any]]:
    """A transformer decoder layer's cross-attention as torch.nn.MultiheadAttention exports it (opset 17, norm first):
    queries x [1, T, D] -> LayerNorm -> Transpose [T, 1, D] -> q Linear; the memory [1, S, D] (`mem` "input": a graph
    input, "computed": an Add in front; "self": no memory, the self-attention's one q / k / v Linear to 3D and its
    rank-5 step, S = T) -> Transpose [S, 1, D] -> one k / v Linear to 2D -> Reshape [S, 1, 2, D] ->
    Unsqueeze -> Transpose(3, 1, 2, 0, 4) -> Squeeze -> Gather k / v (`packed` False: two Linears, no rank-5 step);
    each Reshape [N, H, D / H] -> Transpose -> Reshape [1, H, N, D / H]; q * s @ (k^T * s) -> Softmax -> @ v ->
    Transpose(2, 0, 1, 3) -> Reshape [T, D] -> out Gemm -> Reshape [T, 1, D] -> Transpose -> + x. Which of the memory's
    Transpose, the rank-5 step, k^T's scale and v's Reshape does the toolkit put on the CPU (unseen set 4's decoder,
    T 24, S 50: on rk3566 fp16 2.3.2 and 2.5.0, none on rk3588)?"""
    from onnx import TensorProto

    g = G(t * 1000 + s * 10 + d + heads + 3 * (mem == "input") + packed)
    dh = d // heads
    sc = g.const(np.array(dh ** -0.25, np.float32))
    x = g.op("LayerNormalization", "ln", ["x", g.const(np.ones(d, np.float32)), g.w(d)], axis=-1, epsilon=1e-5)
    if mem == "self":  # self-attention as torch exports it: one packed q / k / v Linear, no memory
        assert s == t and packed
        qkv = g.op("Add", "kv_b", [g.op("MatMul", "kv_fc", [g.op("Transpose", "q_tp", [x], perm=[1, 0, 2]),
                                                              g.w(d, 3 * d)]), g.w(3 * d)])
        qkv = g.op("Unsqueeze", "kv_unsq", [g.op("Reshape", "kv_rs", [qkv, g.ints(t, 1, 3, d)]), g.ints(0)])
        qkv = g.op("Squeeze", "kv_sq", [g.op("Transpose", "kv_tp", [qkv], perm=[3, 1, 2, 0, 4]), g.ints(3)])
        q, k, v = (g.op("Gather", f"{n}_pick", [qkv, g.const(np.array(i, np.int64))], axis=0)
                   for i, n in enumerate(("q", "k", "v")))
    else:
        q = g.op("Add", "q_b", [g.op("MatMul", "q_fc", [g.op("Transpose", "q_tp", [x], perm=[1, 0, 2]), g.w(d, d)]),
                                g.w(d)])
        m = g.op("Add", "mem_add", ["memory", g.w(d)]) if mem == "computed" else "memory"
        m = g.op("Transpose", "mem_tp", [m], perm=[1, 0, 2])
    if mem != "self" and packed:
        kv = g.op("Add", "kv_b", [g.op("MatMul", "kv_fc", [m, g.w(d, 2 * d)]), g.w(2 * d)])
        kv = g.op("Unsqueeze", "kv_unsq", [g.op("Reshape", "kv_rs", [kv, g.ints(s, 1, 2, d)]), g.ints(0)])
        kv = g.op("Squeeze", "kv_sq", [g.op("Transpose", "kv_tp", [kv], perm=[3, 1, 2, 0, 4]), g.ints(3)])
        k = g.op("Gather", "k_pick", [kv, g.const(np.array(0, np.int64))], axis=0)
        v = g.op("Gather", "v_pick", [kv, g.const(np.array(1, np.int64))], axis=0)
    elif mem != "self":
        k = g.op("Add", "k_b", [g.op("MatMul", "k_fc", [m, g.w(d, d)]), g.w(d)])
        v = g.op("Add", "v_b", [g.op("MatMul", "v_fc", [m, g.w(d, d)]), g.w(d)])

    def heads_of(z: str, n: int, name: str) -> str:
        z = g.op("Transpose", f"{name}_htp", [g.op("Reshape", f"{name}_hrs", [z, g.ints(n, heads, dh)])],
                 perm=[1, 0, 2])
        return g.op("Reshape", f"{name}_h4", [z, g.ints(1, heads, n, dh)])

    q = g.op("Mul", "q_scale", [heads_of(q, t, "q"), sc])
    k = g.op("Mul", "k_scale", [g.op("Transpose", "k_t", [heads_of(k, s, "k")], perm=[0, 1, 3, 2]), sc])
    a = g.op("Softmax", "sm", [g.op("MatMul", "qk", [q, k])], axis=-1)
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "av", [a, heads_of(v, s, "v")])], perm=[2, 0, 1, 3])
    o = g.op("Gemm", "out_fc", [g.op("Reshape", "o_rs", [o, g.ints(t, d)]), g.w(d, d), g.w(d)], transB=1)
    o = g.op("Transpose", "o_back", [g.op("Reshape", "o_rs3", [o, g.ints(t, 1, d)])], perm=[1, 0, 2])
    y = g.op("Add", "res", ["x", o])
    if mem == "self":
        return g.model("x", [1, t, d], y, opset=17), {}
    return g.model("x", [1, t, d], y, opset=17, extra=(("memory", TensorProto.FLOAT, [1, s, d]),)), {}


def case_cattn(n: int, c: int, d: int = 32) -> tuple[Any, dict[str, Any]]:
    """DaViT's channel attention as timm exports it (opset 17): tokens [1, N, C] + Add -> LayerNorm -> qkv Linear ->
    Reshape [1, N, 3, H, D] -> Transpose(2, 0, 3, 1, 4) -> Split -> Squeeze q, k, v; k * D^-0.5 -> Transpose(0, 1, 3,
    2) -> @ v ([1, H, D, D]) -> Softmax -> @ q^T (Transpose(0, 1, 3, 2)) -> Transpose(0, 3, 1, 2) -> Reshape [1, N, C]
    -> proj Linear -> + tokens -> a tail Linear and Add. Which of the qkv Reshape / Transpose and q's Transpose does
    the toolkit put on the CPU (unseen set 4's DaViT-tiny, rk3566 fp16 2.3.2: the qkv Reshape and Transpose of every
    channel block, 3136 to 49 tokens, and q's Transpose at 196)?"""
    g = G(n * 3 + c)
    heads = c // d
    h = g.op("Add", "front", ["x", g.w(c)])
    x = g.op("LayerNormalization", "norm", [h, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)), g.w(c)],
             axis=-1, epsilon=1e-5)
    x = g.op("Add", "qkv_add", [g.w(3 * c), g.op("MatMul", "qkv_mm", [x, g.w(c, 3 * c)])])
    x = g.op("Transpose", "qkv_tp", [g.op("Reshape", "qkv_rs", [x, g.ints(1, n, 3, heads, d)])], perm=[2, 0, 3, 1, 4])
    parts = [f"split_{i}" for i in range(3)]
    g.nodes.append(g.h.make_node("Split", [x, g.ints(1, 1, 1)], parts, name="split", axis=0))
    q, k, v = (g.op("Squeeze", f"sq_{x_}", [p_, g.ints(0)]) for x_, p_ in zip("qkv", parts))
    k = g.op("Transpose", "k_tp", [g.op("Mul", "k_scale", [k, g.const(np.array(d ** -0.5, np.float32))])],
             perm=[0, 1, 3, 2])
    a = g.op("Softmax", "sm", [g.op("MatMul", "kv", [k, v])], axis=-1)
    o = g.op("MatMul", "aq", [a, g.op("Transpose", "q_tp", [q], perm=[0, 1, 3, 2])])
    o = g.op("Reshape", "o_rs", [g.op("Transpose", "o_tp", [o], perm=[0, 3, 1, 2]), g.ints(1, n, c)])
    o = g.op("Add", "proj_add", [g.w(c), g.op("MatMul", "proj_mm", [o, g.w(c, c)])])
    h = g.op("Add", "res", [h, o])
    y = g.op("Add", "tail", [h, g.op("MatMul", "tail_mm", [h, g.w(c, c)])])
    return g.model("x", [1, n, c], y, opset=17), {}


def case_c3d(c: int, t: int, hw: int) -> tuple[Any, dict[str, Any]]:
    """A 3-D CNN's input and tail as torchvision's video ResNets (MC3, R3D) have them: x [1, 3, T, H, W] -> Conv3d ->
    Relu -> Conv3d -> Add (residual) -> Relu -> GlobalAveragePool [1, C, 1, 1, 1] -> Flatten -> Gemm. Does the
    toolkit's Reshape on the 5-D input and the one after the last Relu (5-D into the pool) run on the CPU (unseen set
    4's MC3-18: both on rk3566 fp16 2.3.2 and 2.5.0, neither on rk3588)?"""
    g = G(c * 100 + t * 10 + hw)
    h = g.op("Relu", "act0", [g.op("Conv", "c0", ["x", g.w(c, 3, 3, 3, 3), g.w(c)], kernel_shape=[3, 3, 3],
                                   pads=[1] * 6)])
    r = g.op("Conv", "c1", [h, g.w(c, c, 3, 3, 3), g.w(c)], kernel_shape=[3, 3, 3], pads=[1] * 6)
    h = g.op("Relu", "act1", [g.op("Add", "res", [r, h])])
    h = g.op("Flatten", "flat", [g.op("GlobalAveragePool", "pool", [h])], axis=1)
    y = g.op("Gemm", "fc", [h, g.w(16, c), g.w(16)], transB=1)
    return g.model("x", [1, 3, t, hw, hw], y), {}


def case_c3dpool(c: int, t: int, hw: int, stride: int = 1, se: bool = True) -> tuple[Any, dict[str, Any]]:
    """X3D's block tail (unseen set 21's X3D-XS-lite): x [1, 3, T, HW, HW] -> Conv3d 1 x 3 x 3 (16) -> Relu -> 1x1x1
    Conv3d (C) -> Relu -> depthwise 3 x 3 x 3 Conv3d (stride 1 x `stride` x `stride`) read by a GlobalAveragePool (the
    squeeze-excite's, `se`: times its Sigmoid gate; else the pool alone) -> Flatten -> Gemm. Does the Reshape the
    toolkit adds after the depthwise Conv (rank 5 into the pool) run on the CPU by the map's size (X3D: at 10 x 10 and
    5 x 5, not at 20 x 20 or 40 x 40, on rk3588 with 2.3.0, 2.3.2 and 2.5.0)?"""
    g = G(c * 1000 + t * 100 + hw + 7 * stride + 3 * se)
    h = g.op("Relu", "act0", [g.op("Conv", "c0", ["x", g.w(16, 3, 1, 3, 3), g.w(16)], kernel_shape=[1, 3, 3],
                                   pads=[0, 1, 1, 0, 1, 1])])
    h = g.op("Relu", "act1", [g.op("Conv", "pw", [h, g.w(c, 16, 1, 1, 1), g.w(c)], kernel_shape=[1, 1, 1])])
    d = g.op("Conv", "dw", [h, g.w(c, 1, 3, 3, 3), g.w(c)], kernel_shape=[3, 3, 3], pads=[1] * 6, group=c,
             strides=[1, stride, stride])
    p = g.op("GlobalAveragePool", "pool", [d])
    if se:
        gate = g.op("Sigmoid", "gate", [g.op("Conv", "se", [p, g.w(c, c, 1, 1, 1), g.w(c)], kernel_shape=[1, 1, 1])])
        p = g.op("GlobalAveragePool", "pool2", [g.op("Mul", "excite", [d, gate])])
    y = g.op("Gemm", "fc", [g.op("Flatten", "flat", [p], axis=1), g.w(16, c), g.w(16)], transB=1)
    return g.model("x", [1, 3, t, hw, hw], y), {}


def case_c3dhead(c: int, t: int, hw: int) -> tuple[Any, dict[str, Any]]:
    """X3D's head (unseen set 21's X3D-XS-lite): x [1, 3, T, HW, HW] -> Conv3d 1 x 3 x 3 (16) -> Relu -> 1x1x1
    Conv3d (C) -> Relu -> GlobalAveragePool -> Flatten -> Gemm. The toolkit fuses the Relu into the Conv: does the
    Reshape it adds after that Conv (rank 5 into the pool) run on the CPU by the map's size, as `c3dpool`'s?"""
    g = G(c * 1000 + t * 100 + hw + 11)
    h = g.op("Relu", "act0", [g.op("Conv", "c0", ["x", g.w(16, 3, 1, 3, 3), g.w(16)], kernel_shape=[1, 3, 3],
                                   pads=[0, 1, 1, 0, 1, 1])])
    h = g.op("Relu", "act1", [g.op("Conv", "head", [h, g.w(c, 16, 1, 1, 1), g.w(c)], kernel_shape=[1, 1, 1])])
    p = g.op("GlobalAveragePool", "pool", [h])
    y = g.op("Gemm", "fc", [g.op("Flatten", "flat", [p], axis=1), g.w(16, c), g.w(16)], transB=1)
    return g.model("x", [1, 3, t, hw, hw], y), {}


def case_kvrep(kvh: int, rep: int, t: int, d: int) -> tuple[Any, dict[str, Any]]:
    """A grouped-query / multi-query attention's key and value heads repeated as transformers' repeat_kv writes it
    (unseen sets 21 and 22's Gemma and Falcon-MQA): k, v [1, kvh, T, d] (k behind a rotary-like Add) -> Unsqueeze(2)
    -> Expand [1, kvh, rep, T, d] -> Reshape [1, kvh * rep, T, d] -> the scores / context MatMuls of kvh * rep query
    heads. Does the Expand run on the CPU, by kvh (1: multi-query), rep, T and d?"""
    g = G(kvh * 1000 + rep * 100 + t + d)
    h = kvh * rep
    c = h * d

    def heads(name: str, n: int) -> str:
        y = g.op("MatMul", name + "_mm", ["x", g.w(c, n * d)])
        return g.op("Transpose", name + "_tp", [g.op("Reshape", name + "_rs", [y, g.ints(1, t, n, d)])], perm=[0, 2, 1, 3])

    q = heads("q", h)
    k = g.op("Add", "k_rot", [heads("k", kvh), g.w(1, 1, t, d)])
    v = heads("v", kvh)

    def repeat(name: str, x: str) -> str:
        e = g.op("Expand", name + "_exp", [g.op("Unsqueeze", name + "_unsq", [x, g.ints(2)]), g.ints(1, kvh, rep, t, d)])
        return g.op("Reshape", name + "_rep", [e, g.ints(1, h, t, d)])

    s_ = g.op("MatMul", "scores", [q, g.op("Transpose", "k_t", [repeat("k", k)], perm=[0, 1, 3, 2])])
    a = g.op("Softmax", "attn", [g.op("Mul", "scale", [s_, g.const(np.array(d ** -0.5, np.float32))])], axis=-1)
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "ctx", [a, repeat("v", v)])], perm=[0, 2, 1, 3])
    y = g.op("MatMul", "o_mm", [g.op("Reshape", "o_rs", [o, g.ints(1, t, c)]), g.w(c, c)])
    return g.model("x", [1, t, c], y, opset=14), {}


def case_kvsrc(form: str, kvh: int, rep: int, t: int, d: int) -> tuple[Any, dict[str, Any]]:
    """transformers' repeat_kv (Unsqueeze(2) -> Expand [1, kvh, rep, T, d] -> Reshape [1, kvh * rep, T, d]) by what
    makes the repeated head (unseen sets 11, 20 and 22's LLM decoders: with 2.3.2 on rv1106 and rv1106b int8 and rk2118
    float16 the toolkit turned the keys' Expand behind RoPE, and both Expands behind a cache update, into a
    `Gather:<Unsqueeze output>_gather` on the CPU, the values' Expand of the projection on the NPU; `kvrep`'s keys,
    behind an Add of a constant, stayed on the NPU). `form` makes k (and v where said): `proj` the projection's
    Transpose [1, kvh, T, d] (both); `addc` + a constant (k); `rope` k * cos + rotate_half(k) * sin, constant tables
    (k); `add2` the sum of two projections (k); `mulc` * a constant (k); `cat` a past cache input [1, kvh, 8, d]
    Concat-ed in front along the tokens (both: T + 8 keys); `scat` ScatterND of the projection's T rows into a cache
    input [1, kvh, T + 8, d] (both). Which Expands run on the CPU, by the form, kvh and rep?"""
    g = G(kvh * 1000 + rep * 100 + t + d + 7 * len(form))
    h = kvh * rep
    c = h * d
    past = 8
    extra: list[tuple[str, int, list[int]]] = []

    def heads(name: str, n: int) -> str:
        y = g.op("MatMul", name + "_mm", ["x", g.w(c, n * d)])
        return g.op("Transpose", name + "_tp", [g.op("Reshape", name + "_rs", [y, g.ints(1, t, n, d)])], perm=[0, 2, 1, 3])

    def made(name: str, x: str, both: bool) -> tuple[str, int]:
        """The repeated head of `form` and its token count."""
        if form == "proj" or (not both and form in ("addc", "rope", "add2", "mulc") and name == "v"):
            return x, t
        if form == "addc":
            return g.op("Add", name + "_addc", [x, g.w(1, 1, t, d)]), t
        if form == "mulc":
            return g.op("Mul", name + "_mulc", [x, g.w(1, 1, t, d)]), t
        if form == "add2":
            return g.op("Add", name + "_add2", [x, heads(name + "b", kvh)]), t
        if form == "rope":
            half = d // 2
            x1 = g.op("Slice", name + "_x1", [x, g.ints(0), g.ints(half), g.ints(3)])
            x2 = g.op("Slice", name + "_x2", [x, g.ints(half), g.ints(d), g.ints(3)])
            rot = g.op("Concat", name + "_rot", [g.op("Neg", name + "_neg", [x2]), x1], axis=3)
            return g.op("Add", name + "_rope", [g.op("Mul", name + "_cos", [x, g.w(1, 1, t, d)]),
                                                g.op("Mul", name + "_sin", [rot, g.w(1, 1, t, d)])]), t
        from onnx import TensorProto

        if form == "cat":
            extra.append((name + "_past", TensorProto.FLOAT, [1, kvh, past, d]))
            return g.op("Concat", name + "_cat", [name + "_past", x], axis=2), t + past
        assert form == "scat"
        extra.append((name + "_cache", TensorProto.FLOAT, [1, kvh, t + past, d]))
        idx = np.array([[[[0, hh, past + i] for i in range(t)] for hh in range(kvh)]], np.int64)
        return g.op("ScatterND", name + "_scat", [name + "_cache", g.const(idx), x]), t + past

    q = heads("q", h)
    k, n = made("k", heads("k", kvh), False)
    v, _ = made("v", heads("v", kvh), False)

    def repeat(name: str, x: str) -> str:
        e = g.op("Expand", name + "_exp", [g.op("Unsqueeze", name + "_unsq", [x, g.ints(2)]), g.ints(1, kvh, rep, n, d)])
        return g.op("Reshape", name + "_rep", [e, g.ints(1, h, n, d)])

    s_ = g.op("MatMul", "scores", [q, g.op("Transpose", "k_t", [repeat("k", k)], perm=[0, 1, 3, 2])])
    a = g.op("Softmax", "attn", [g.op("Mul", "scale", [s_, g.const(np.array(d ** -0.5, np.float32))])], axis=-1)
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "ctx", [a, repeat("v", v)])], perm=[0, 2, 1, 3])
    y = g.op("MatMul", "o_mm", [g.op("Reshape", "o_rs", [o, g.ints(1, t, c)]), g.w(c, c)])
    return g.model("x", [1, t, c], y, opset=14, extra=tuple(extra)), {}


def case_semean(c: int, h: int, w: int, group: int) -> tuple[Any, dict[str, Any]]:
    """A RegNet block's grouped 3x3 Conv read by its squeeze-excite as torch dynamo writes it (unseen set 21's
    RegNetV-040): x -> Conv (C, `group` groups; 1 = plain) -> ReduceMean over (2, 3) (keepdims) -> 1x1 Conv -> SiLU ->
    1x1 Conv -> Sigmoid -> Mul with the Conv's map -> BatchNorm -> SiLU -> Conv. Does the Reshape the toolkit adds
    after the grouped Conv for the mean ((1, C, H, W) -> (C, H * W, 1, 1)) run on the CPU, by H * W (2.3.0: at 15 x 20)?"""
    g = G(c + h * 10 + w + group)
    x = conv(g, "pre", "x", 3, c)
    y = g.op("Conv", "gconv", [x, g.w(c, c // group, 3, 3), g.w(c)], kernel_shape=[3, 3], pads=[1] * 4, group=group)
    m = g.op("ReduceMean", "se_mean", [y], axes=[2, 3], keepdims=1)
    s_ = g.op("Conv", "se_fc1", [m, g.w(c // 4, c, 1, 1), g.w(c // 4)], kernel_shape=[1, 1])
    s_ = g.op("Mul", "se_silu", [s_, g.op("Sigmoid", "se_sig1", [s_])])
    s_ = g.op("Sigmoid", "se_gate", [g.op("Conv", "se_fc2", [s_, g.w(c, c // 4, 1, 1), g.w(c)], kernel_shape=[1, 1])])
    y = g.op("Mul", "se_mul", [y, s_])
    y = g.op("BatchNormalization", "bn", [y, g.w(c), g.w(c), g.w(c), g.const(np.ones(c, np.float32))])
    y = g.op("Mul", "silu", [y, g.op("Sigmoid", "sig", [y])])
    return g.model("x", [1, 3, h, w], conv(g, "post", y, c, c), opset=13), {}


def case_mul5(c: int, t: int, hw: int, form: str) -> tuple[Any, dict[str, Any]]:
    """A rank-5 Mul of two computed tensors after X3D's depthwise Conv3d (unseen set 21's X3D-XS-lite: on rk2118
    float16 and rv1106b int8 with 2.3.2 its squeeze-excite Mul [1, C, T, H, W] x [1, C, 1, 1, 1] ran on the CPU, its
    swish x * sigmoid(x) on the NPU): x [1, 3, T, HW, HW] -> Conv3d 1 x 3 x 3 (16) -> Relu -> 1x1x1 Conv3d (C) ->
    depthwise 3 x 3 x 3 Conv3d -> `form` -> 1x1x1 Conv3d -> GlobalAveragePool -> Flatten -> Gemm. `x3d`: the SE Mul
    by its computed gate [1, C, 1, 1, 1], then the swish; `swish`: the swish alone (operands of one shape); `prod`:
    the map times a second 1x1x1 Conv3d branch of it (one shape, neither a Sigmoid of the other); `spatial`: times a
    computed [1, 1, T, H, W] gate (Sigmoid of the channel mean); `temporal`: times a computed [1, C, T, 1, 1] gate
    (Sigmoid of the mean over H, W); `cconst` / `tconst`: times a constant [1, C, 1, 1, 1] / [1, C, T, 1, 1]. Which
    of the Muls run on the CPU, by the form of the broadcast?"""
    g = G(c * 1000 + t * 100 + hw + 7 * len(form))
    h = g.op("Relu", "act0", [g.op("Conv", "c0", ["x", g.w(16, 3, 1, 3, 3), g.w(16)], kernel_shape=[1, 3, 3],
                                   pads=[0, 1, 1, 0, 1, 1])])
    h = g.op("Relu", "act1", [g.op("Conv", "pw", [h, g.w(c, 16, 1, 1, 1), g.w(c)], kernel_shape=[1, 1, 1])])
    d = g.op("Conv", "dw", [h, g.w(c, 1, 3, 3, 3), g.w(c)], kernel_shape=[3, 3, 3], pads=[1] * 6, group=c)
    if form == "x3d":
        gate = g.op("Sigmoid", "se_gate", [g.op("Conv", "se", [g.op("GlobalAveragePool", "se_pool", [d]),
                                                               g.w(c, c, 1, 1, 1), g.w(c)], kernel_shape=[1, 1, 1])])
        d = g.op("Mul", "se_mul", [d, gate])
    if form in ("x3d", "swish"):
        d = g.op("Mul", "swish_mul", [d, g.op("Sigmoid", "swish_gate", [d])])
    elif form == "prod":
        d = g.op("Mul", "prod_mul", [d, g.op("Conv", "branch", [d, g.w(c, c, 1, 1, 1), g.w(c)], kernel_shape=[1, 1, 1])])
    elif form in ("spatial", "temporal"):
        axes = [1] if form == "spatial" else [3, 4]
        gate = g.op("Sigmoid", f"{form}_gate", [g.op("ReduceMean", f"{form}_mean", [d], axes=axes, keepdims=1)])
        d = g.op("Mul", f"{form}_mul", [d, gate])
    elif form in ("cconst", "tconst"):
        d = g.op("Mul", f"{form}_mul", [d, g.w(1, c, 1, 1, 1) if form == "cconst" else g.w(1, c, t, 1, 1)])
    h = g.op("Conv", "post", [d, g.w(c, c, 1, 1, 1), g.w(c)], kernel_shape=[1, 1, 1])
    y = g.op("Gemm", "fc", [g.op("Flatten", "flat", [g.op("GlobalAveragePool", "pool", [h])], axis=1), g.w(16, c),
                            g.w(16)], transB=1)
    return g.model("x", [1, 3, t, hw, hw], y), {}


def case_heatsel(k: int, h: int, w: int, form: str) -> tuple[Any, dict[str, Any]]:
    """A keypoint head's peak picked from its heatmaps, as top-down pose exports write the decode: Conv to K heatmaps
    [1, K, H, W] -> Reshape [1, K, H * W] (`argmax3`) or [K, H * W] (`argmax2`) -> ArgMax over the positions
    (keepdims) -> output; `gnd`: `argmax2` whose peak indices pick a second map's K x 2 offsets ([1, 2K, H, W] ->
    Reshape [K, 2, H * W] -> Transpose(0, 2, 1) -> GatherND, batch_dims 1) -> output. ArgMax and GatherND run on the
    CPU: do the Reshapes (and the Transpose) in front of them follow (issue repros i557 / i93 on rk3566)?"""
    g = G(k * 100 + h + w + len(form))
    x = g.op("Relu", "act", [conv(g, "pre", "x", 3, 8)])
    hm = g.op("Conv", "heat", [x, g.w(k, 8, 1, 1), g.w(k)], kernel_shape=[1, 1])
    flat = g.op("Reshape", "flat", [hm, g.ints(1, k, h * w) if form == "argmax3" else g.ints(k, h * w)])
    y = g.op("ArgMax", "peak", [flat], axis=-1, keepdims=1)
    if form == "gnd":
        offs = g.op("Conv", "offs", [x, g.w(2 * k, 8, 1, 1), g.w(2 * k)], kernel_shape=[1, 1])
        ot = g.op("Transpose", "offs_tp", [g.op("Reshape", "offs_view", [offs, g.ints(k, 2, h * w)])], perm=[0, 2, 1])
        y = g.op("GatherND", "pick", [ot, y], batch_dims=1)
    return g.model("x", [1, 3, h, w], y, opset=12), {}


def case_signq(k: int, h: int, w: int, form: str) -> tuple[Any, dict[str, Any]]:
    """A top-down pose decode's quarter-pixel refinement as torch.onnx writes it (unseen set 16's argmax decode):
    Conv to K heatmaps -> Reshape [1, K, H * W] -> ArgMax (keepdims) -> the neighbours' indices (Add / Sub 1 and W,
    Clip) -> GatherElements of the flat maps -> `form` "gather": a Gather (index 0, axis 0) of each [1, K, 1] to
    [K, 1] (rank 2, as exported), "rank3": the [1, K, 1] values as they are -> Sub of the right and left neighbours ->
    Sign -> Mul 0.25 -> Add to the peak's column (Cast) -> output. Sign runs on the CPU: does the toolkit put a CPU
    Reshape after the Sub in front of it, by rank, K and the map?"""
    from onnx import TensorProto

    g = G(k * 100 + h + w + len(form))
    hm = g.op("Conv", "heat", [g.op("Relu", "act", [conv(g, "pre", "x", 3, 8)]), g.w(k, 8, 1, 1), g.w(k)],
              kernel_shape=[1, 1])
    flat = g.op("Reshape", "flat", [hm, g.ints(1, k, h * w)])
    peak = g.op("ArgMax", "peak", [flat], axis=2, keepdims=1)
    hi = np.array(h * w - 1, np.int64)

    def pick(name: str, op: str) -> str:
        i = g.op(op, name + "_i", [peak, g.const(np.array(1, np.int64))])
        i = g.op("Clip", name + "_c", [i, g.const(np.array(0, np.int64)), g.const(hi)])
        v = g.op("GatherElements", name + "_g", [flat, i], axis=2)
        return g.op("Gather", name + "_0", [v, g.const(np.array(0, np.int64))], axis=0) if form == "gather" else v

    d = g.op("Sub", "diff", [pick("right", "Add"), pick("left", "Sub")])
    q = g.op("Mul", "quarter", [g.op("Sign", "sgn", [d]), g.const(np.array(0.25, np.float32))])
    col = g.op("Cast", "col_f", [g.op("Mod", "col", [peak, g.const(np.array(w, np.int64))])], to=TensorProto.FLOAT)
    if form == "gather":
        col = g.op("Gather", "col_0", [col, g.const(np.array(0, np.int64))], axis=0)
    return g.model("x", [1, 3, h, w], g.op("Add", "refined", [col, q]), opset=13), {}


def case_dfl(a: int, transpose: bool = True, op12: bool = False) -> tuple[Any, dict[str, Any]]:
    """YOLOv8's DFL decode as ultralytics exports it over A anchors: Conv to 64 channels -> Reshape [1, 4, 16, A] ->
    Transpose(0, 2, 1, 3) -> Softmax over the 16 bins (axis 1) -> 1x1 Conv with the weights 0..15 -> Reshape [1, 4, A]
    (`transpose` False: Reshape straight to [1, 16, 4, A]). Does the Softmax leave the NPU with the anchor count?
    `op12`: as torch writes it at opset 12 (a Softmax over the last axis only): Transpose(0, 3, 1, 2) to [1, A, 4, 16]
    -> Softmax(axis 3) -> Transpose(0, 3, 2, 1) back to [1, 16, 4, A] (unseen set 4's yolov5n-p6 / yolo12n-pose)."""
    g = G(a + transpose + 2 * op12)
    h = g.op("Conv", "pre", ["x", g.w(64, 3, 1, 1)], kernel_shape=[1, 1])
    if op12:
        h = g.op("Transpose", "tp", [g.op("Reshape", "rs", [h, g.ints(1, 4, 16, a)])], perm=[0, 3, 1, 2])
        h = g.op("Transpose", "tp_back", [g.op("Softmax", "sm", [h], axis=3)], perm=[0, 3, 2, 1])
    elif transpose:
        h = g.op("Transpose", "tp", [g.op("Reshape", "rs", [h, g.ints(1, 4, 16, a)])], perm=[0, 2, 1, 3])
    else:
        h = g.op("Reshape", "rs", [h, g.ints(1, 16, 4, a)])
    if not op12:
        h = g.op("Softmax", "sm", [h], axis=1)
    h = g.op("Conv", "dfl", [h, g.const(np.arange(16, dtype=np.float32).reshape(1, 16, 1, 1))], kernel_shape=[1, 1])
    y = g.op("Reshape", "rs2", [h, g.ints(1, 4, a)])
    return g.model("x", [1, 3, 1, a], y), {}


def case_dflpp(a: int, bins: int = 17, tail: str = "conv") -> tuple[Any, dict[str, Any]]:
    """PP-YOLOE's DFL decode of one level's A anchors: Conv to 4 * B channels -> Reshape [1, 4, B, A] -> Transpose
    (0, 1, 3, 2) -> Softmax over the B bins (axis 3) -> Transpose (0, 3, 1, 2) to [1, B, 4, A] -> 1x1 Conv with the
    weights 0..B-1 (`tail` "conv"; "out": the Transposed probabilities times 2 to the output) -> Reshape [1, 4, A].
    On rk3566 every toolkit version built PP-YOLOE-lite's three levels (A = 1920, 480, 120) with a CPU Reshape on the
    0312 Transpose (unseen set 22), rk3588 with none."""
    g = G(a * 3 + bins + len(tail))
    h = g.op("Conv", "pre", ["x", g.w(4 * bins, 3, 1, 1)], kernel_shape=[1, 1])
    h = g.op("Transpose", "tp", [g.op("Reshape", "rs", [h, g.ints(1, 4, bins, a)])], perm=[0, 1, 3, 2])
    h = g.op("Transpose", "tp_back", [g.op("Softmax", "sm", [h], axis=3)], perm=[0, 3, 1, 2])
    if tail == "out":
        return g.model("x", [1, 3, 1, a], g.op("Mul", "post", [h, g.const(np.float32(2.0))])), {}
    h = g.op("Conv", "dfl", [h, g.const(np.arange(bins, dtype=np.float32).reshape(1, bins, 1, 1))], kernel_shape=[1, 1])
    return g.model("x", [1, 3, 1, a], g.op("Reshape", "rs2", [h, g.ints(1, 4, a)])), {}


def _three_levels(g: G) -> list[str]:
    """The three feature maps (hw, hw/2, hw/4; 16 channels) a detect head reads: a Conv, then two stride-2 Convs."""
    lv = [conv(g, "l0", "x", 3, 16)]
    for i in (1, 2):
        lv.append(g.op("Conv", f"l{i}", [lv[-1], g.w(16, 16, 3, 3), g.w(16)], kernel_shape=[3, 3], pads=[1] * 4,
                       strides=[2, 2]))
    return lv


def case_dflhead(hw: int, nc: int, split: bool = True) -> tuple[Any, dict[str, Any]]:
    """YOLOv8's whole detect head as ultralytics exports it at opset 13+, over three levels (hw, hw/2, hw/4: A = 2100
    anchors at hw 40, a 320 px input): per level a box Conv (64) and a class Conv (nc) -> Concat -> Reshape [1, 64 + nc,
    h * w]; the levels' Concat -> Split [64, nc] -> the DFL (`dfl`) on the boxes, scaled by the strides, Sigmoid on the
    classes -> Concat [1, 4 + nc, A]. `split` False: as ultralytics 8.3 writes it, the levels' boxes and classes each
    flattened and concatenated apart (no Split). Does the DFL Softmax leave the NPU past 2048 anchors here as in `dfl`?"""
    g = G(hw * 100 + nc + 7 * (not split))
    lv = _three_levels(g)
    flat, fbox, fcls, strides = [], [], [], []
    for i, x in enumerate(lv):
        s = hw // (2 ** i)
        box = g.op("Conv", f"box{i}", [x, g.w(64, 16, 1, 1), g.w(64)], kernel_shape=[1, 1])
        cls = g.op("Conv", f"cls{i}", [x, g.w(nc, 16, 1, 1), g.w(nc)], kernel_shape=[1, 1])
        if split:
            cat = g.op("Concat", f"cat{i}", [box, cls], axis=1)
            flat.append(g.op("Reshape", f"flat{i}", [cat, g.ints(1, 64 + nc, s * s)]))
        else:
            fbox.append(g.op("Reshape", f"fbox{i}", [box, g.ints(1, 64, s * s)]))
            fcls.append(g.op("Reshape", f"fcls{i}", [cls, g.ints(1, nc, s * s)]))
        strides += [float(2 ** (i + 3))] * (s * s)
    a = len(strides)
    if split:
        allv = g.op("Concat", "levels", flat, axis=2)
        g.nodes.append(g.h.make_node("Split", [allv, g.ints(64, nc)], ["boxes", "scores"], name="split", axis=1))
    else:
        g.op("Concat", "boxes", fbox, axis=2)
        g.op("Concat", "scores", fcls, axis=2)
        g.nodes[-2].output[0], g.nodes[-1].output[0] = "boxes", "scores"
    h = g.op("Transpose", "tp", [g.op("Reshape", "rs", ["boxes", g.ints(1, 4, 16, a)])], perm=[0, 2, 1, 3])
    h = g.op("Softmax", "sm", [h], axis=1)
    h = g.op("Conv", "dfl", [h, g.const(np.arange(16, dtype=np.float32).reshape(1, 16, 1, 1))], kernel_shape=[1, 1])
    h = g.op("Mul", "stride", [g.op("Reshape", "rs2", [h, g.ints(1, 4, a)]),
                               g.const(np.array(strides, np.float32).reshape(1, 1, a))])
    y = g.op("Concat", "out", [h, g.op("Sigmoid", "sig", ["scores"])], axis=1)
    return g.model("x", [1, 3, hw, hw], y), {}


def _level_grid(h: int, w: int, i: int) -> tuple[list[float], np.ndarray]:
    """A detect head's level `i` of h x w cells: each cell's stride (8 * 2^i) and its centre [2, h * w] in cells."""
    yy, xx = np.meshgrid(np.arange(h) + 0.5, np.arange(w) + 0.5, indexing="ij")
    return [float(2 ** (i + 3))] * (h * w), np.stack([xx.ravel(), yy.ravel()])

def case_dflhead84(hw: int, nc: int, mc: int = 0) -> tuple[Any, dict[str, Any]]:
    """YOLOv8 / YOLO11's whole detect head as ultralytics 8.4 exports it (opset 12, simplified): the levels' boxes
    (64) and classes (nc) flattened and concatenated apart as `dflhead`'s `_nosplit`, then the DFL as 8.4 writes it:
    Reshape [1, 4, 16, A] -> Transpose (0, 3, 1, 2) [1, A, 4, 16] -> Softmax over the last axis -> Transpose
    (0, 3, 2, 1) [1, 16, 4, A] -> the bin Conv (16 -> 1) -> Reshape [1, 4, A] -> two Slices -> the dist2bbox decode
    (Sub / Add / Div, Concat) scaled by the strides -> Concat with the Sigmoid classes -> output [1, 4 + nc, A].
    `mc`: a Segment head's mask coefficients too (per level a Conv to `mc` -> Reshape [1, mc, h * w], the levels
    Concat-ed, the third input of the output Concat: [1, 4 + nc + mc, A], as YOLOv8 / YOLOv9c-seg export it)."""
    g = G(hw * 100 + nc + 84 + 1000 * mc)
    lv = _three_levels(g)
    fbox, fcls, fmc, strides, anchors = [], [], [], [], []
    for i, x in enumerate(lv):
        s = hw // (2 ** i)
        box = g.op("Conv", f"box{i}", [x, g.w(64, 16, 1, 1), g.w(64)], kernel_shape=[1, 1])
        cls = g.op("Conv", f"cls{i}", [x, g.w(nc, 16, 1, 1), g.w(nc)], kernel_shape=[1, 1])
        fbox.append(g.op("Reshape", f"fbox{i}", [box, g.ints(1, 64, s * s)]))
        fcls.append(g.op("Reshape", f"fcls{i}", [cls, g.ints(1, nc, s * s)]))
        if mc:
            mcv = g.op("Conv", f"mc{i}", [x, g.w(mc, 16, 1, 1), g.w(mc)], kernel_shape=[1, 1])
            fmc.append(g.op("Reshape", f"fmc{i}", [mcv, g.ints(1, mc, s * s)]))
        st, anc = _level_grid(s, s, i)
        strides += st
        anchors.append(anc)
    a = len(strides)
    boxes = g.op("Concat", "boxes", fbox, axis=-1)
    scores = g.op("Concat", "scores", fcls, axis=-1)
    h = g.op("Transpose", "tp", [g.op("Reshape", "rs", [boxes, g.ints(1, 4, 16, a)])], perm=[0, 3, 1, 2])
    h = g.op("Softmax", "sm", [h], axis=3)
    h = g.op("Transpose", "tp1", [h], perm=[0, 3, 2, 1])
    h = g.op("Conv", "dfl", [h, g.const(np.arange(16, dtype=np.float32).reshape(1, 16, 1, 1))], kernel_shape=[1, 1])
    d = g.op("Reshape", "rs2", [h, g.ints(1, 4, a)])
    lt = g.op("Slice", "slice", [d, g.ints(0), g.ints(2), g.ints(1)])
    rb = g.op("Slice", "slice1", [d, g.ints(2), g.ints(4), g.ints(1)])
    anc = g.const(np.concatenate(anchors, axis=1).astype(np.float32)[None])
    x1y1 = g.op("Sub", "sub", [anc, lt])
    x2y2 = g.op("Add", "add1", [anc, rb])
    c_xy = g.op("Div", "div1", [g.op("Add", "add2", [x1y1, x2y2]), g.const(np.array(2.0, np.float32))])
    wh = g.op("Sub", "sub1", [x2y2, x1y1])
    h = g.op("Mul", "stride", [g.op("Concat", "bbox", [c_xy, wh], axis=1),
                               g.const(np.array(strides, np.float32).reshape(1, 1, a))])
    parts = [h, g.op("Sigmoid", "sig", [scores])] + ([g.op("Concat", "mcs", fmc, axis=-1)] if mc else [])
    y = g.op("Concat", "out", parts, axis=1)
    return g.model("x", [1, 3, hw, hw], y, opset=12), {}


def case_posehead(hw: int, nc: int = 1, levels: int = 3, k: int = 17, w: int | None = None) -> tuple[Any, dict[str, Any]]:
    """YOLOv8 / YOLO11 / YOLO12's Pose head as ultralytics exports it (opset 13): per level (hw, hw/2, ...) a box Conv
    (64), a class Conv (nc) and a keypoint Conv (K * 3) -> Reshape [1, C, h * w]; each kind's levels Concat-ed; the
    boxes through the DFL (Reshape [1, 4, 16, A] -> Transpose -> Softmax -> bin Conv -> Reshape [1, 4, A]), the
    classes through Sigmoid, the keypoints Reshape [1, K, 3, A] -> Slice [:2] * 2 + anchors, * strides, Slice [2:3]
    -> Sigmoid, Concat -> Reshape [1, K * 3, A] -> output Concat. `levels` 4: the P6 head (hw/8 too). Which level's
    keypoint / class flatten Reshape does the toolkit put on the CPU (unseen set 4 rk3566 fp16 2.3.2: yolo12n-pose's
    [1, 51, 40 * 40] and [1, 51, 10 * 10], not [1, 51, 20 * 20]; yolov8n-pose-p6's 48 / 24 / 6, not 12)? `w`: a
    rectangular input (hw high, w wide; `posekpt`)."""
    wd = hw if w is None else w
    g = G(hw * 100 + nc + 7 * levels + k + (0 if w is None else 13 * w))
    lv = _three_levels(g)
    if levels == 4:
        lv.append(g.op("Conv", "l3", [lv[-1], g.w(16, 16, 3, 3), g.w(16)], kernel_shape=[3, 3], pads=[1] * 4,
                       strides=[2, 2]))
    fbox, fcls, fkpt, strides, anchors = [], [], [], [], []
    for i, x in enumerate(lv):
        s, t = -(-hw // (2 ** i)), -(-wd // (2 ** i))  # the stride-2 Convs (pads 1) round up
        box = g.op("Conv", f"box{i}", [x, g.w(64, 16, 1, 1), g.w(64)], kernel_shape=[1, 1])
        cls = g.op("Conv", f"cls{i}", [x, g.w(nc, 16, 1, 1), g.w(nc)], kernel_shape=[1, 1])
        kpt = g.op("Conv", f"kpt{i}", [x, g.w(k * 3, 16, 1, 1), g.w(k * 3)], kernel_shape=[1, 1])
        fbox.append(g.op("Reshape", f"fbox{i}", [box, g.ints(1, 64, s * t)]))
        fcls.append(g.op("Reshape", f"fcls{i}", [cls, g.ints(1, nc, s * t)]))
        fkpt.append(g.op("Reshape", f"fkpt{i}", [kpt, g.ints(1, k * 3, s * t)]))
        strides += [float(2 ** (i + 3))] * (s * t)
        yy, xx = np.meshgrid(np.arange(s) + 0.5, np.arange(t) + 0.5, indexing="ij")
        anchors.append(np.stack([xx.ravel(), yy.ravel()]))
    a = len(strides)
    boxes = g.op("Concat", "boxes", fbox, axis=2)
    scores = g.op("Sigmoid", "sig", [g.op("Concat", "scores", fcls, axis=2)])
    kp = g.op("Reshape", "kpt_rs", [g.op("Concat", "kpts", fkpt, axis=2), g.ints(1, k, 3, a)])
    xy = g.op("Slice", "kpt_xy", [kp, g.ints(0), g.ints(2), g.ints(2)])
    vis = g.op("Sigmoid", "kpt_sig", [g.op("Slice", "kpt_v", [kp, g.ints(2), g.ints(3), g.ints(2)])])
    anc = g.const((np.concatenate(anchors, axis=1).astype(np.float32) - 0.5)[None, None])
    xy = g.op("Add", "kpt_add", [g.op("Mul", "kpt_mul", [xy, g.const(np.array(2.0, np.float32))]), anc])
    xy = g.op("Mul", "kpt_stride", [xy, g.const(np.array(strides, np.float32).reshape(1, 1, 1, a))])
    kp = g.op("Reshape", "kpt_out", [g.op("Concat", "kpt_cat", [xy, vis], axis=2), g.ints(1, k * 3, a)])
    h = g.op("Transpose", "tp", [g.op("Reshape", "rs", [boxes, g.ints(1, 4, 16, a)])], perm=[0, 2, 1, 3])
    h = g.op("Softmax", "sm", [h], axis=1)
    h = g.op("Conv", "dfl", [h, g.const(np.arange(16, dtype=np.float32).reshape(1, 16, 1, 1))], kernel_shape=[1, 1])
    h = g.op("Mul", "stride", [g.op("Reshape", "rs2", [h, g.ints(1, 4, a)]),
                               g.const(np.array(strides, np.float32).reshape(1, 1, a))])
    y = g.op("Concat", "out", [h, scores, kp], axis=1)
    return g.model("x", [1, 3, hw, wd], y), {}


def case_smtp(c: int, hw: int, tp: bool = True) -> tuple[Any, dict[str, Any]]:
    """A classifier map's Softmax over its classes as MTCNN's P-Net (a Keras export) has it: Conv to C classes ->
    Transpose to channels-last [1, H, W, C] -> Softmax over the last axis -> output (`tp` False: the Softmax over the
    channels of the Conv's output). Does a Softmax behind a Transpose leave the NPU where one fed by a graph input did
    (the probe's rank4_axis3 on rv1106b)?"""
    g = G(c * hw + tp)
    h = conv(g, "pre", "x", 3, 16)
    h = g.op("Conv", "cls", [h, g.w(c, 16, 1, 1), g.w(c)], kernel_shape=[1, 1])
    if tp:
        h = g.op("Transpose", "tp", [h], perm=[0, 2, 3, 1])
    y = g.op("Softmax", "sm", [h], axis=-1 if tp else 1)
    return g.model("x", [1, 3, hw, hw], y), {}


def case_mqa(heads: int, n: int, d: int, m: int, softmax: bool = True) -> tuple[Any, dict[str, Any]]:
    """Multi-query attention as timm MobileNetV4's Mobile MQA exports it: q from a 1x1 Conv, Reshape [1, heads, d, n],
    Transpose; one key / value head from a pooled 1x1 Conv, Reshape [1, d, m], Transpose, Unsqueeze(1); q and k^T
    scaled; q @ k^T ([1, heads, n, m], the key broadcast over the heads), Softmax, @ v, back to [1, heads*d, H, W].
    Does the toolkit expand the shared key / value on the CPU? `heads` 1 is the control (nothing broadcasts)."""
    g = G(heads * n + d + m)
    hw, mhw, c = int(round(n ** 0.5)), int(round(m ** 0.5)), 32
    x = conv(g, "pre", "x", 3, c)
    q = g.op("Conv", "q_conv", [x, g.w(heads * d, c, 1, 1)], kernel_shape=[1, 1])
    q = g.op("Transpose", "q_tp", [g.op("Reshape", "q_rs", [q, g.ints(1, heads, d, n)])], perm=[0, 1, 3, 2])
    xp = g.op("MaxPool", "kv_pool", [x], kernel_shape=[hw // mhw] * 2, strides=[hw // mhw] * 2)

    def one_head(tag: str) -> str:
        h = g.op("Conv", f"{tag}_conv", [xp, g.w(d, c, 1, 1)], kernel_shape=[1, 1])
        h = g.op("Transpose", f"{tag}_tp", [g.op("Reshape", f"{tag}_rs", [h, g.ints(1, d, m)])], perm=[0, 2, 1])
        return g.op("Unsqueeze", f"{tag}_unsq", [h, g.ints(1)])

    k = g.op("Transpose", "k_tp2", [one_head("k")], perm=[0, 1, 3, 2])
    v = one_head("v")
    s = g.const(np.array([d ** -0.25], np.float32))
    att = g.op("MatMul", "mm_qk", [g.op("Mul", "q_mul", [q, s]), g.op("Mul", "k_mul", [k, s])])
    p = g.op("Softmax", "softmax", [att], axis=-1) if softmax else att
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "mm_pv", [p, v])], perm=[0, 1, 3, 2])
    y = conv(g, "post", g.op("Reshape", "o_rs", [o, g.ints(1, heads * d, hw, hw)]), heads * d, 16, k=1)
    return g.model("x", [1, 3, hw, hw], y), {}


def case_gqa(kv: int, group: int, t: int, d: int, past: int = 0) -> tuple[Any, dict[str, Any]]:
    """Grouped-query attention's repeat_kv as an LLM decoder exports it (unseen set 11's KV-cache step: Llama / Qwen
    `k[:, :, None].expand(b, kv, g, t, d).reshape(b, kv * g, t, d)`): tokens [1, T, C] -> k and v Linears to kv heads
    -> Reshape [1, T, kv, d] -> Transpose(0, 2, 1, 3) -> Unsqueeze(2) -> Expand [1, kv, g, T, d] -> Reshape
    [1, kv * g, T, d]; q by a Linear to kv * g heads; q @ k^T, Softmax, @ v -> back to [1, T, C] -> Linear. Does the
    toolkit run the rank-5 Expand over the group axis on the CPU, by kv, g, T? `group` 1: no Expand (the control).
    `past` P: a decode step, k and v the Concat of a graph input's cached heads [1, kv, P, d] with the new T tokens'
    (the KV-cache step's form), then the Expand over P + T."""
    g = G(kv * 100 + group * 10 + t + d + past)
    h, c = kv * group, kv * group * d

    def heads(tag: str, n: int) -> str:
        x = g.op("MatMul", f"{tag}_mm", ["x", g.w(c, n * d)])
        return g.op("Transpose", f"{tag}_tp", [g.op("Reshape", f"{tag}_rs", [x, g.ints(1, t, n, d)])], perm=[0, 2, 1, 3])

    n = past + t

    def repeat(tag: str) -> str:
        x = heads(tag, kv)
        if past:
            x = g.op("Concat", f"{tag}_cat", [f"past_{tag}", x], axis=2)
        if group == 1:
            return x
        x = g.op("Expand", f"{tag}_exp", [g.op("Unsqueeze", f"{tag}_unsq", [x, g.ints(2)]), g.ints(1, kv, group, n, d)])
        return g.op("Reshape", f"{tag}_rep", [x, g.ints(1, h, n, d)])

    q, k, v = heads("q", h), repeat("k"), repeat("v")
    att = g.op("MatMul", "qk", [q, g.op("Transpose", "k_t", [k], perm=[0, 1, 3, 2])])
    p = g.op("Softmax", "softmax", [g.op("Mul", "scale", [att, g.const(np.array(d ** -0.5, np.float32))])], axis=-1)
    o = g.op("Reshape", "o_rs", [g.op("Transpose", "o_tp", [g.op("MatMul", "pv", [p, v])], perm=[0, 2, 1, 3]),
                                 g.ints(1, t, c)])
    extra = tuple((f"past_{x}", 1, [1, kv, past, d]) for x in "kv") if past else ()
    return g.model("x", [1, t, c], g.op("MatMul", "proj", [o, g.w(c, c)]), extra=extra), {}


def case_kvstep(past: int, c: int, heads: int, s: int, layers: int = 2) -> tuple[Any, dict[str, Any]]:
    """A Whisper-like decoder step with its caches as graph inputs, as torch.onnx writes it (unseen set 18's
    asr_whisper_decoder_kvcache_step): the token's row x [1, 1, C]; per layer l: the self caches self_k / self_v
    [L, 1, P, C] and the cross caches cross_k / cross_v [L, 1, S, C] Gathered at l (axis 0) -> LayerNorm -> k Linear
    (no bias), v and q Linears (bias Add written Add(b, x)) -> Concat of the cache and the new row on the tokens [1, P +
    1, C] -> Reshape [1, P + 1, h, d] -> k Transpose(0, 2, 3, 1), v Transpose(0, 2, 1, 3); q Reshape [1, 1, h, d] ->
    Transpose(0, 2, 1, 3) -> q @ k^T -> Mul by d^-0.5 -> Softmax -> @ v -> Transpose -> Reshape [1, 1, C] -> o Linear
    -> + x; the cross attention over the Gathered cross caches the same way (no Concat); an MLP; the caches' last P
    rows (Slice) of every layer stacked (Unsqueeze, Concat on axis 0) into the outputs self_k_out / self_v_out [L, 1,
    P, C], the logits by a Linear. Which of the cache Concat's writers and readers, and which inputs, get CPU layers
    (rk3566 2.3.2: the k Linear and the v bias Add, the P + 1 = 25 token heads' Reshape and Transpose, a Reshape /
    Transpose on every cache input) by P + 1, S and C?"""
    from onnx import TensorProto

    g = G(past * 10 + c + heads + s + layers)
    d = c // heads
    x = g.op("Add", "emb_add", ["x", g.w(1, 1, c)])
    outs: dict[str, list[str]] = {"k": [], "v": []}
    sc = g.const(np.array(d ** -0.5, np.float32))

    def split(t: str, n: int, name: str, perm: list[int]) -> str:
        return g.op("Transpose", name + "_tp", [g.op("Reshape", name + "_rs", [t, g.ints(1, n, heads, d)])], perm=perm)

    def attend(q: str, k: str, v: str, n: str) -> str:
        a = g.op("Softmax", n + "_sm", [g.op("Mul", n + "_scale", [g.op("MatMul", n + "_qk", [q, k]), sc])], axis=-1)
        o = g.op("Transpose", n + "_o_tp", [g.op("MatMul", n + "_av", [a, v])], perm=[0, 2, 1, 3])
        return g.op("Reshape", n + "_o_rs", [o, g.ints(1, 1, c)])

    def lin(t: str, n: str, bias: bool = True, out: int = 0) -> str:
        y = g.op("MatMul", n + "_mm", [t, g.w(c, out or c)])
        return g.op("Add", n + "_add", [g.w(out or c), y]) if bias else y

    for i in range(layers):
        p = f"l{i}_"
        cache = {x_: g.op("Gather", f"{p}self_{x_}", [f"self_{x_}", g.const(np.array(i, np.int64))], axis=0)
                 for x_ in "kv"}
        cross = {x_: g.op("Gather", f"{p}cross_{x_}", [f"cross_{x_}", g.const(np.array(i, np.int64))], axis=0)
                 for x_ in "kv"}
        h = _ln(g, p + "n1", x, c)
        new = {"k": lin(h, p + "k", bias=False), "v": lin(h, p + "v")}
        cat = {x_: g.op("Concat", f"{p}cat_{x_}", [cache[x_], new[x_]], axis=1) for x_ in "kv"}
        q = split(lin(h, p + "q"), 1, p + "q", [0, 2, 1, 3])
        o = attend(q, split(cat["k"], past + 1, p + "k", [0, 2, 3, 1]),
                   split(cat["v"], past + 1, p + "v", [0, 2, 1, 3]), p + "self")
        x = g.op("Add", p + "res1", [x, lin(o, p + "o")])
        q = split(lin(_ln(g, p + "n2", x, c), p + "cq"), 1, p + "cq", [0, 2, 1, 3])
        o = attend(q, split(cross["k"], s, p + "ck", [0, 2, 3, 1]), split(cross["v"], s, p + "cv", [0, 2, 1, 3]),
                   p + "cross")
        x = g.op("Add", p + "res2", [x, lin(o, p + "co")])
        f = g.op("Relu", p + "act", [lin(_ln(g, p + "n3", x, c), p + "fc1", out=4 * c)])
        x = g.op("Add", p + "res3", [x, g.op("Add", p + "fc2_add", [g.w(c), g.op("MatMul", p + "fc2_mm", [
            f, g.w(4 * c, c)])])])
        for x_ in "kv":
            last = g.op("Slice", f"{p}keep_{x_}", [cat[x_], g.ints(1), g.ints(2 ** 62), g.ints(1), g.ints(1)])
            outs[x_].append(g.op("Unsqueeze", f"{p}stack_{x_}", [last, g.ints(0)]))
    logits = g.op("MatMul", "logits_mm", [_ln(g, "norm", x, c), g.w(c, 1000)])
    kout = g.op("Concat", "self_k_out", outs["k"], axis=0)
    vout = g.op("Concat", "self_v_out", outs["v"], axis=0)
    extra = tuple((f"{w}_{x_}", TensorProto.FLOAT, [layers, 1, past if w == "self" else s, c])
                  for w in ("self", "cross") for x_ in "kv")
    m = g.model("x", [1, 1, c], logits, opset=17, extra=extra)
    m.graph.ClearField("output")
    for y, shape in ((logits, [1, 1, 1000]), (kout, [layers, 1, past, c]), (vout, [layers, 1, past, c])):
        m.graph.output.append(g.h.make_tensor_value_info(y, TensorProto.FLOAT, shape))
    return m, {}


def case_anchor(k: int, hw: int) -> tuple[Any, dict[str, Any]]:
    """A YOLOv5-style anchor head level: Conv -> Reshape [1, 3, K, H, W] -> Transpose(0, 1, 3, 4, 2) -> Sigmoid ->
    Reshape [1, 3*H*W, K] -> Concat with another level's rows -> output."""
    g = G(k * hw)
    x = conv(g, "pre", "x", 3, 3 * k, k=1)
    h = g.op("Reshape", "anc_rs", [x, g.ints(1, 3, k, hw, hw)])
    h = g.op("Transpose", "anc_tp", [h], perm=[0, 1, 3, 4, 2])
    h = g.op("Sigmoid", "anc_sig", [h])
    h = g.op("Reshape", "anc_flat", [h, g.ints(1, 3 * hw * hw, k)])
    y = g.op("Concat", "cat", [h, g.op("Add", "other", [h, g.const(np.array(0.5, np.float32))])], axis=1)
    return g.model("x", [1, 3, hw, hw], y), {}


def case_outcat(k: int, anchors: tuple[int, int] = (2, 6), sides: tuple[int, int] = (16, 8)) -> tuple[Any, dict[str, Any]]:
    """BlazeFace's outputs (unseen set 8): per level a Conv map [1, A * K, H, W] -> Transpose(0, 2, 3, 1) -> Reshape
    [1, H * W * A, K], the two levels' rows Concatenated into a rank-3 graph output [1, N, K] (896 x 1 scores, 896 x 16
    boxes): does the toolkit add a CPU Reshape on it, as on a YOLOv5 anchor head's [1, N, 85] (`anchor`)?"""
    g = G(k * 5 + sum(anchors) + sum(sides))
    parts = []
    for i, (a, hw) in enumerate(zip(anchors, sides)):
        x = g.op("Relu", f"front{i}", [g.op("Conv", f"stem{i}", ["x", g.w(16, 3, 1, 1)], kernel_shape=[1, 1],
                                                                 strides=[16 // hw] * 2)])
        h = conv(g, f"head{i}", x, 16, a * k, k=1)
        h = g.op("Transpose", f"nhwc{i}", [h], perm=[0, 2, 3, 1])
        parts.append(g.op("Reshape", f"rows{i}", [h, g.ints(1, -1, k)]))
    y = g.op("Concat", "cat", parts, axis=1)
    return g.model("x", [1, 3, 16, 16], y, opset=11), {}


def case_chcat(parts: tuple[int, ...], h: int, w: int, tail: str = "out", trig: str = "") -> tuple[Any, dict[str, Any]]:
    """A rank-3 Concat of decoded parts on the channel axis (an OBB head's boxes 4 + classes 80 + angle 1 -> [1, 85, N],
    unseen sets 12, 14, 17; issue 354's xy 2 + angle 1): per part a 1x1 Conv of the stem to `c` channels -> Reshape
    [1, c, H*W] -> Sigmoid, the parts Concat-ed on axis 1; `tail` "out": the Concat is the graph output, "op": a Mul by
    2 reads it first. rk3562 / rk3576 / rv1106 ran the OBB's [1, 85, N] Concat on the CPU and the YOLO [1, 84, N] one on
    the NPU; rv1106b / rk2118 put only the [1, 3, 1600] on the CPU. By the part sizes, the total, N? (2.3.2: none on
    the CPU.) `trig` "sin": the last part (the angle) is also read by a Sin (a CPU op) whose product with the first
    part replaces it, as the OBB decode rotates the boxes by the angle; "sin_nocat": the same, but the Concat takes a
    Relu of the angle, not the value the Sin reads."""
    g = G(sum(parts) * 7 + len(parts) * 3 + h * 5 + w + len(tail) + 11 * len(trig))
    x = g.op("Relu", "stem_act", [conv(g, "stem", "x", 3, 16, k=1)])
    outs = []
    for i, c in enumerate(parts):
        y = g.op("Reshape", f"part{i}_rows", [conv(g, f"part{i}", x, 16, c, k=1), g.ints(1, c, h * w)])
        outs.append(g.op("Sigmoid", f"part{i}_act", [y]))
    if trig:
        rot = g.op("Sin", "angle_sin", [outs[-1]])
        outs[0] = g.op("Mul", "rotate", [outs[0], rot])
        if trig == "sin_nocat":
            outs[-1] = g.op("Relu", "angle_out", [outs[-1]])
    y = g.op("Concat", "cat", outs, axis=1)
    if tail == "op":
        y = g.op("Mul", "after", [y, g.const(np.array(2.0, np.float32))])
    return g.model("x", [1, 3, h, w], y), {}


def case_yhead(c: int, h: int, w: int) -> tuple[Any, dict[str, Any]]:
    """An anchor-free detector level as Paddle2ONNX writes PicoDet's (layout-cdla): Conv -> Sigmoid -> Reshape
    [1, C, H*W] -> Transpose(0, 2, 1) -> output [1, H*W, C]: is the Reshape on the CPU by the map size H*W?"""
    g = G(c * h * w)
    x = conv(g, "pre", "x", 3, c, k=1)
    x = g.op("Sigmoid", "sig", [x])
    x = g.op("Reshape", "flat", [x, g.ints(1, c, h * w)])
    y = g.op("Transpose", "rows", [x], perm=[0, 2, 1])
    return g.model("x", [1, 3, h, w], y), {}


def case_y5head(hw: int, no: int, na: int = 3, tail: str = "out") -> tuple[Any, dict[str, Any]]:
    """YOLOv5's detect head at one level as its export writes it: Conv to na * no channels -> Reshape [1, na, no, H, W]
    -> Transpose(0, 1, 3, 4, 2) -> output (`tail` "out"), or -> Sigmoid -> output ("sig"). calibration/issue_repros2.py
    i251_yolov5_head_5d (160 x 160, no = 9): the Reshape (`Reshape:<view>_rs`) ran on the CPU in int8 on rk3588 and
    rv1106 with 2.3.2, on the NPU in float16: by the map size and no?"""
    g = G(hw * 100 + no + na + len(tail))
    x = conv(g, "pre", "x", 16, na * no, k=1)
    x = g.op("Reshape", "view", [x, g.ints(1, na, no, hw, hw)])
    y = g.op("Transpose", "permute", [x], perm=[0, 1, 3, 4, 2])
    if tail == "sig":
        y = g.op("Sigmoid", "sig", [y])
    return g.model("x", [1, 16, hw, hw], y), {}


def case_yhead_split(h: int, w: int, cls: int = 10, reg: int = 32) -> tuple[Any, dict[str, Any]]:
    """PicoDet's whole head level as Paddle2ONNX writes it (layout-cdla): Conv to cls + reg channels -> Split -> the
    class scores through Sigmoid -> Reshape [1, cls, H*W] -> Transpose(0, 2, 1) -> output, the box bins straight from
    the Split through Reshape [1, reg, H*W] -> Transpose(0, 2, 1) -> output: the `yhead` question with a Split in
    front and two outputs."""
    g = G(cls * h * w + reg)
    x = conv(g, "pre", "x", 3, cls + reg, k=1)
    g.op("Split", "split", [x, g.ints(cls, reg)], axis=1)
    g.nodes[-1].output[:] = ["split_cls", "split_reg"]  # two outputs (G.op names one)
    s_ = g.op("Sigmoid", "sig", ["split_cls"])
    s_ = g.op("Reshape", "flat_cls", [s_, g.ints(1, cls, h * w)])
    y1 = g.op("Transpose", "rows_cls", [s_], perm=[0, 2, 1])
    r = g.op("Reshape", "flat_reg", ["split_reg", g.ints(1, reg, h * w)])
    y2 = g.op("Transpose", "rows_reg", [r], perm=[0, 2, 1])
    m = g.model("x", [1, 3, h, w], y1)
    import onnx

    out2 = g.h.make_empty_tensor_value_info(y2)
    m.graph.output.append(out2)
    inferred = onnx.shape_inference.infer_shapes(m, strict_mode=True)
    m.graph.output[1].CopyFrom(next(v for v in inferred.graph.output if v.name == y2))
    return m, {}


def case_tphw(c: int, h: int, w: int, perm: tuple[int, ...], tail: str, front: str = "conv") -> tuple[Any, dict[str, Any]]:
    """A rank-4 Transpose of a Conv map [1, C, H, W] by `perm`, then (`tail` "conv") a 1x1 Conv or ("out") the graph
    output (after a Mul by 2): rknn-toolkit2 warns 'Transpose will fallback to CPU, because input shape has exceeded
    the max limit, height(256) * width(2560) = 655360, required product no larger than 8192!' on rk3588
    (github.com/airockchip/rknn-toolkit2/issues/490): is the limit H * W, and for which perms and families?
    `front` "reshape": the map is a Conv's [1, C * H, 1, W] Reshape-d to [1, C, H, W], as a DFL head's bins are."""
    g = G(c * h + w + sum(perm) + (7 if front == "reshape" else 0))
    if front == "reshape":
        x = g.op("Reshape", "view", [conv(g, "pre", "x", 3, c * h, k=1), g.ints(1, c, h, w)])
        t = g.op("Transpose", "tp", [x], perm=list(perm))
        shape = [[1, c, h, w][i] for i in perm]
        y = conv(g, "post", t, shape[1], 4, k=1) if tail == "conv" else g.op("Mul", "post", [t, g.const(np.float32(2.0))])
        return g.model("x", [1, 3, 1, w], y), {}
    x = conv(g, "pre", "x", 3, c, k=1)
    t = g.op("Transpose", "tp", [x], perm=list(perm))
    shape = [[1, c, h, w][i] for i in perm]
    y = conv(g, "post", t, shape[1], 4, k=1) if tail == "conv" else g.op("Mul", "post", [t, g.const(np.float32(2.0))])
    return g.model("x", [1, 3, h, w], y), {}


def case_zpool(c: int, h: int, w: int, perm: tuple[int, ...], reduce: str = "maxmean") -> tuple[Any, dict[str, Any]]:
    """Triplet attention's Z-pool branch on a [1, C, H, W] Conv map x: t = Transpose(x, `perm`) (0213 swaps C and H,
    0321 C and W), ReduceMax and ReduceMean of t over axis 1 with keepdims, Concat, a 3x3 Conv to one map, Sigmoid,
    Mul with t, the inverse Transpose (both perms are their own inverse), Add to x. `reduce` "mean": the mean alone
    (a one-map Conv). rk3566 2.5.0 built the triplet-attention ResNet of unseen set 22 with every 0213 Transpose and
    the 0321 ones of C = 256 / 512 on the CPU, rk3588 with none: by which perm, size and reducer?"""
    g = G(c * 3 + h * 5 + w + sum(p * (i + 1) for i, p in enumerate(perm)) + len(reduce))
    x = conv(g, "pre", "x", 3, c, k=1)
    t = g.op("Transpose", "zp_tp", [x], perm=list(perm))
    pooled = [g.op("ReduceMean", "zp_mean", [t], axes=[1], keepdims=1)]
    if reduce == "maxmean":
        pooled.insert(0, g.op("ReduceMax", "zp_max", [t], axes=[1], keepdims=1))
        z = g.op("Concat", "zp_cat", pooled, axis=1)
    else:
        z = pooled[0]
    gate = g.op("Sigmoid", "zp_sig", [conv(g, "zp_conv", z, len(pooled), 1)])
    y = g.op("Mul", "zp_mul", [t, gate])
    back = g.op("Transpose", "zp_back", [y], perm=list(perm))
    return g.model("x", [1, 3, h, w], g.op("Add", "zp_add", [x, back])), {}


def case_rows2(n: int, c: int = 256, front: str = "ln", rank: int = 2) -> tuple[Any, dict[str, Any]]:
    """Rows into a Linear on a rank-2 tensor, as issue 162 of rockchip-linux/rknn-toolkit2 reports it (the toolkit's
    'LayerNorm: input_shape.size() invalid' and 'dimension -2 of first input must be aligned to 16'): x[1, N, C] ->
    Reshape [N, C] (`rank` 3: [1, N, C]) -> a LayerNorm written out (`front` "ln"), an Add of a bias ("add") or a Relu
    ("relu"), one LayerNormalization ("op") -> MatMul W[C, C]. Is the Transpose the toolkit puts in front of the MatMul on the CPU by N % 16?"""
    g = G(n * 7 + c + len(front) + rank)
    x = g.op("Reshape", "to_rows", ["x", g.ints(n, c) if rank == 2 else g.ints(1, n, c)])
    if front == "ln":
        x = layer_norm_written(g, "ln", x, g.const(np.ones(c, np.float32)), g.const(np.zeros(c, np.float32)), 1e-5)
    elif front == "op":  # one LayerNormalization (opset 17)
        x = g.op("LayerNormalization", "ln", [x, g.const(np.ones(c, np.float32)), g.const(np.zeros(c, np.float32))],
                 axis=-1, epsilon=1e-5)
    elif front == "add":
        x = g.op("Add", "addb", [x, g.w(c)])
    else:
        x = g.op("Relu", "relu", [x])
    return g.model("x", [1, n, c], g.op("MatMul", "fc", [x, g.w(c, c)]), opset=17 if front == "op" else OPSET), {}

def case_nhwc_out(c: int, hw: int) -> tuple[Any, dict[str, Any]]:
    """A map handed out channels-last as tf2onnx writes a Keras head (MTCNN P-Net's box regression): Conv to C
    channels -> Transpose(0, 2, 3, 1) -> output [1, H, W, C]: is the Transpose on the CPU by C?"""
    g = G(c * hw + 3)
    x = conv(g, "pre", "x", 3, 32)
    x = g.op("PRelu", "act", [x, g.const(np.full((32, 1, 1), 0.25, np.float32))])
    x = conv(g, "head", x, 32, c, k=1)
    y = g.op("Transpose", "nhwc", [x], perm=[0, 2, 3, 1])
    return g.model("x", [1, 3, hw, hw], y), {}


def case_flat3(t: int, d: int, front: bool) -> tuple[Any, dict[str, Any]]:
    """A rank-3 feature sequence flattened into a classifier as openWakeWord's heads export it: x[1, T, D] -> (`front`:
    Add ->) Flatten -> Gemm -> Relu -> Gemm -> output [1, 8]: is the Flatten on the CPU?"""
    g = G(t * d + front)
    x = g.op("Add", "front", ["x", g.w(d)]) if front else "x"
    x = g.op("Flatten", "flat", [x], axis=1)
    x = g.op("Gemm", "fc1", [x, g.w(128, t * d), g.w(128)], transB=1)
    x = g.op("Relu", "act", [x])
    y = g.op("Gemm", "fc2", [x, g.w(8, 128), g.w(8)], transB=1)
    return g.model("x", [1, t, d], y), {"front": front}


def case_svtail(t: int, c: int, ln: bool) -> tuple[Any, dict[str, Any]]:
    """The end of PaddleOCR's SVTR mixer as its rec models export it: x[1, T, C] -> Add (the residual) -> (`ln`:
    LayerNormalization ->) Reshape [1, 1, T, C] -> Transpose(0, 3, 1, 2) -> Conv 1x1 -> output: are the Reshape and
    the Transpose back to the image on the CPU?"""
    g = G(t * c + 7 * ln)
    h = g.op("Add", "front", ["x", g.w(c)])
    if ln:
        h = g.op("LayerNormalization", "norm", [h, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)), g.w(c)],
                 axis=-1, epsilon=1e-6)
    h = g.op("Reshape", "img_rs", [h, g.ints(1, 1, t, c)])
    h = g.op("Transpose", "img_tp", [h], perm=[0, 3, 1, 2])
    y = g.op("Conv", "post", [h, g.w(c, c, 1, 1), g.w(c)], kernel_shape=[1, 1])
    return g.model("x", [1, t, c], y, opset=17 if ln else OPSET), {"ln": ln}


def case_nhwc1(h: int, w: int, pad: bool, tail: bool = False) -> tuple[Any, dict[str, Any]]:
    """A one-channel channels-last input handed to a Conv as tf2onnx writes it (openWakeWord's embedding model): x[1,
    H, W, 1] -> (`pad`: Pad W by 1 each side ->) Reshape to [1, 1, H, W'] (a Transpose that moves a dim of 1) -> Conv
    -> Relu; `tail`: then a Conv to 96 channels over the whole map and a Reshape of [1, 96, 1, 1] to [1, 1, 1, 96] into
    the output. Is the Reshape on the CPU?"""
    g = G(h * w + pad + 2 * tail)
    x = g.op("Pad", "pad", ["x", g.ints(0, 0, 1, 0, 0, 0, 1, 0)]) if pad else "x"
    wp = w + 2 if pad else w
    x = g.op("Reshape", "to_nchw", [x, g.ints(1, 1, h, wp)])
    x = g.op("Relu", "act", [conv(g, "c1", x, 1, 24)])
    if tail:
        x = g.op("Conv", "c2", [x, g.w(96, 24, h, wp), g.w(96)], kernel_shape=[h, wp])
        x = g.op("Reshape", "to_nhwc", [x, g.ints(1, 1, 1, 96)])
    return g.model("x", [1, h, w, 1], x), {"pad": pad, "tail": tail}


def case_yhead3(h: int, w: int, parts: tuple[int, ...], tail: str, shaped: bool = False) -> tuple[Any, dict[str, Any]]:
    """A three-level detector head as YOLOv8 (ultralytics, nudenet) and YOLOX (ddddocr's detector) export it: each
    level (H x W, H/2 x W/2, H/4 x W/4) Concats its output Convs (`parts` channels: 64 box + classes, or 4 + 1 + 1)
    and Reshapes to [1, C, -1]; the rows Concat on axis 2, then `tail` "split" (Split back into box / classes, Add /
    Sigmoid, Concat -> output), "dfl" (the box bins through YOLOv8's DFL and decode, the classes' Sigmoid, Concat ->
    output: ultralytics, nudenet), "dflbox" (`parts` the box bins alone, their rows straight into the DFL: ultralytics'
    opset-12 exports before 8.1) or "tp" (Transpose(0, 2, 1) -> output, YOLOX). Which level's Reshape, and the
    Concat of the rows, run on the CPU, by C and the map sizes? `shaped`: each level's target computed from Shape."""
    g = G(h * 131 + w * 7 + sum(parts) + len(tail))
    x = g.op("Conv", "stem", ["x", g.w(16, 3, 1, 1), g.w(16)], kernel_shape=[1, 1])
    rows = []
    for lvl in range(3):
        if lvl:
            x = g.op("MaxPool", f"pool{lvl}", [x], kernel_shape=[2, 2], strides=[2, 2])
        outs = [g.op("Conv", f"out{lvl}_{j}", [x, g.w(c, 16, 1, 1), g.w(c)], kernel_shape=[1, 1])
                for j, c in enumerate(parts)]
        cat = outs[0] if len(outs) == 1 else g.op("Concat", f"cat{lvl}", outs, axis=1)
        if shaped:  # [1, C, -1] from Shape of the map, as YOLOX's export writes it (unseen set 7's YOLOX decode)
            lead = g.op("Slice", f"lead{lvl}", [g.op("Shape", f"shape{lvl}", [cat]), g.ints(0), g.ints(2), g.ints(0)])
            target = g.op("Concat", f"target{lvl}", [lead, g.ints(-1)], axis=0)
        else:
            target = g.ints(1, sum(parts), -1)
        rows.append(g.op("Reshape", f"flat{lvl}", [cat, target]))
    y = g.op("Concat", "rows", rows, axis=2)
    if tail == "tp":
        y = g.op("Transpose", "rows_tp", [y], perm=[0, 2, 1])
    elif tail in ("dfl", "dflbox"):
        a = h * w + (h // 2) * (w // 2) + (h // 4) * (w // 4)
        box, cls = parts[0], sum(parts[1:])
        if tail == "dfl":
            sp = g.h.make_node("Split", [y, g.ints(box, cls)], ["split_box", "split_cls"], name="split", axis=1)
            g.nodes.append(sp)
        d = g.op("Transpose", "dfl_tp", [g.op("Reshape", "dfl_rs", ["split_box" if tail == "dfl" else y,
                                                                     g.ints(1, 4, box // 4, a)])],
                 perm=[0, 2, 1, 3])
        d = g.op("Softmax", "dfl_sm", [d], axis=1)
        d = g.op("Conv", "dfl_conv", [d, g.const(np.arange(box // 4, dtype=np.float32).reshape(1, box // 4, 1, 1))],
                 kernel_shape=[1, 1])
        d = g.op("Reshape", "dfl_rs2", [d, g.ints(1, 4, a)])
        lt = g.op("Slice", "lt", [d, g.ints(0), g.ints(2), g.ints(1)])
        rb = g.op("Slice", "rb", [d, g.ints(2), g.ints(4), g.ints(1)])
        anchors = g.const(np.random.default_rng(a).random((1, 2, a), dtype=np.float32) * h)
        x1y1 = g.op("Sub", "x1y1", [anchors, lt])
        x2y2 = g.op("Add", "x2y2", [anchors, rb])
        cxy = g.op("Div", "cxy", [g.op("Add", "xy_sum", [x1y1, x2y2]), g.const(np.array(2.0, np.float32))])
        wh = g.op("Sub", "wh", [x2y2, x1y1])
        b = g.op("Mul", "box", [g.op("Concat", "xywh", [cxy, wh], axis=1),
                                g.const(np.full((1, 1, a), 8.0, np.float32))])
        y = g.op("Concat", "dets", [b, g.op("Sigmoid", "cls", ["split_cls"])], axis=1) if tail == "dfl" else b
    else:
        box, cls = parts[0], sum(parts[1:])
        sp = g.h.make_node("Split", [y, g.ints(box, cls)], ["split_box", "split_cls"], name="split", axis=1)
        g.nodes.append(sp)
        b = g.op("Add", "box", ["split_box", g.const(np.array(0.5, np.float32))])
        c = g.op("Sigmoid", "cls", ["split_cls"])
        y = g.op("Concat", "dets", [b, c], axis=1)
    if shaped:
        import onnx

        if tail != "tp":
            raise ValueError("yhead3: shaped targets are written for the tp tail only")
        m = g.model("x", [1, 3, h, w], y)  # inference leaves the Shape-made dims: the output declared
        a = h * w + (h // 2) * (w // 2) + (h // 4) * (w // 4)
        m.graph.output[0].CopyFrom(g.h.make_tensor_value_info(y, onnx.TensorProto.FLOAT, [1, a, sum(parts)]))
        return m, {}
    return g.model("x", [1, 3, h, w], y), {}


def case_gemmrows(t: int, d: int, n: int, front: str = "add") -> tuple[Any, dict[str, Any]]:
    """A CRNN's classifier on a sequence as torch.onnx writes it (ddddocr): x[T, 1, D] -> Add -> Reshape [T, D] ->
    Gemm(W[N, D]) -> Reshape [T, 1, N] -> output: which of the Reshapes and the Gemm get a CPU layer? `front` "rnn":
    the bidirectional LSTM's output as ddddocr's recogniser hands it on (x[T, 2, 1, D/2] -> Add -> Transpose(0, 2, 1,
    3) -> Reshape [0, 0, -1] -> Reshape [T, D] -> Gemm)."""
    g = G(t * n + d + (front == "rnn") + 2 * (front == "lstm"))
    if front in ("rnn", "lstm"):
        if front == "lstm":  # the recogniser's own bidirectional LSTM over a [T, 1, 64] sequence
            hid = d // 2
            x = g.op("LSTM", "rnn", ["x", g.w(2, 4 * hid, 64), g.w(2, 4 * hid, hid), g.w(2, 8 * hid)],
                     hidden_size=hid, direction="bidirectional")
        else:
            x = g.op("Add", "front", ["x", g.w(d // 2)])
        x = g.op("Transpose", "dirs", [x], perm=[0, 2, 1, 3])
        x = g.op("Reshape", "dirs_cat", [x, g.ints(0, 0, -1)])
        x = g.op("Reshape", "rows_in", [x, g.ints(t, d)])
        x = g.op("Gemm", "head_mm", [x, g.w(n, d), g.w(n)], transB=1)
        y = g.op("Reshape", "rows_out", [x, g.ints(t, 1, n)])
        return g.model("x", [t, 1, 64] if front == "lstm" else [t, 2, 1, d // 2], y), {}
    x = g.op("Add", "front", ["x", g.w(d)])
    x = g.op("Reshape", "rows_in", [x, g.ints(t, d)])
    x = g.op("Gemm", "head_mm", [x, g.w(n, d), g.w(n)], transB=1)
    y = g.op("Reshape", "rows_out", [x, g.ints(t, 1, n)])
    return g.model("x", [t, 1, d], y), {}


def case_crnn(t: int, hid: int, n: int) -> tuple[Any, dict[str, Any]]:
    """ddddocr's CRNN head behind its bidirectional LSTM: x[T, 1, 64] -> LSTM (hidden H, both directions: [T, 2, 1, H])
    -> Transpose(0, 2, 1, 3) -> Reshape [T, 1, 2H] -> Reshape [T, 2H] -> Gemm N -> Reshape [T, 1, N] -> output. The
    toolkit folds the Transpose, the Reshapes and the Gemm's input layout into one rank-4 Transpose; does it run on the
    CPU? (`gemmrows` is the same head behind an Add.)"""
    g = G(t * hid + n)
    h = g.op("LSTM", "rnn", ["x", g.w(2, 4 * hid, 64), g.w(2, 4 * hid, hid), g.w(2, 8 * hid)], hidden_size=hid,
             direction="bidirectional")
    h = g.op("Transpose", "seq_tp", [h], perm=[0, 2, 1, 3])
    h = g.op("Reshape", "seq_rs", [h, g.ints(t, 1, 2 * hid)])
    h = g.op("Reshape", "rows_in", [h, g.ints(t, 2 * hid)])
    h = g.op("Gemm", "head_mm", [h, g.w(n, 2 * hid), g.w(n)], transB=1)
    y = g.op("Reshape", "rows_out", [h, g.ints(t, 1, n)])
    return g.model("x", [t, 1, 64], y), {}


def case_crnn_gru(t: int, hid: int, n: int, cell: str = "GRU", pool: bool = False) -> tuple[Any, dict[str, Any]]:
    """A CRNN text recogniser's head as torch exports it (opset 14): a Conv map [1, 128, 1, T] -> Squeeze ->
    Transpose to [T, 1, 128] -> two bidirectional GRUs (`cell` LSTM: LSTMs), each followed by Transpose(0, 2, 1, 3)
    -> Reshape [T, 1, 2H] -> the last into a Linear of N classes (MatMul + Add) -> LogSoftmax -> output. Which of the
    last Transpose / Reshape does the toolkit name its CPU layer after (unseen set 4's GRU CRNN on rk3566 fp16, 2.3.2
    and 2.5.0: `Reshape:<Reshape_1>_rs`, the Reshape's)? `pool`: the map is 2 high and a MaxPool (2 x 1) makes it 1
    high before the Squeeze, as the exported CRNN has it."""
    g = G(t * 7 + hid + n + (cell == "LSTM") + 3 * pool)
    gates = 3 if cell == "GRU" else 4
    x = g.op("Relu", "act", [g.op("Conv", "pre", ["x", g.w(128, 3, 3, 3), g.w(128)], kernel_shape=[3, 3],
                                  pads=[1, 1, 1, 1])])
    if pool:
        x = g.op("MaxPool", "pool", [x], kernel_shape=[2, 1], strides=[2, 1])
    h = g.op("Transpose", "seq_in", [g.op("Squeeze", "sq", [x, g.ints(2)])], perm=[2, 0, 1])
    extra = {"linear_before_reset": 1} if cell == "GRU" else {}
    for i, width in enumerate((128, 2 * hid)):
        y = g.op(cell, f"rnn{i}", [h, g.w(2, gates * hid, width), g.w(2, gates * hid, hid), g.w(2, 2 * gates * hid)],
                 hidden_size=hid, direction="bidirectional", **extra)
        h = g.op("Reshape", f"seq_rs{i}", [g.op("Transpose", f"seq_tp{i}", [y], perm=[0, 2, 1, 3]),
                                           g.ints(0, 0, -1)])
    h = g.op("Add", "fc_add", [g.w(n), g.op("MatMul", "fc_mm", [h, g.w(2 * hid, n)])])
    y = g.op("LogSoftmax", "lsm", [h], axis=2)
    return g.model("x", [1, 3, 2 if pool else 1, t], y, opset=14), {}


def case_padin(shape: tuple[int, int, int, int], pads: tuple[int, ...], to_nchw: bool, inner: bool) -> tuple[Any, dict[str, Any]]:
    """A zero Pad on the graph input (openWakeWord's embedding model, tf2onnx: x[1, 76, 32, 1] NHWC -> Pad H by 1 ->
    Reshape to [1, 1, 76, 34] -> 3x3 Conv); `inner`: the same Pad behind a 1x1 Conv, not on the input; without
    `to_nchw` the Pad feeds the Conv directly (a 3x1 Conv on a map one wide). Is the Pad on the CPU?"""
    g = G(sum(shape) + sum(pads) + 2 * inner)
    x = g.op("Conv", "inner", ["x", g.w(shape[1], shape[1], 1, 1)]) if inner else "x"
    h = g.op("Pad", "pad", [x, g.ints(*pads)], mode="constant")
    out = [shape[i] + pads[i] + pads[i + 4] for i in range(4)]
    if to_nchw:
        out = [1, 1, out[1], out[2] * out[3] * out[0]]
        h = g.op("Reshape", "to_nchw", [h, g.ints(*out)])
    k = 3 if out[3] >= 3 else 1
    y = g.op("Conv", "conv", [h, g.w(24, out[1], 3, k)])
    return g.model("x", list(shape), y), {}
def case_out1(c: int, t: int, n: int) -> tuple[Any, dict[str, Any]]:
    """A voice-activity head as silero-vad writes it: x[1, C, T] -> Relu -> Conv1d to N channels -> Sigmoid ->
    Reshape [-1] -> a rank-1 graph output [N * T]: is that Reshape on the CPU?"""
    g = G(c * 3 + t * 5 + n)
    h = g.op("Relu", "front", ["x"])
    h = g.op("Conv", "head", [h, g.w(n, c, 1), g.w(n)], kernel_shape=[1])
    h = g.op("Sigmoid", "prob", [h])
    y = g.op("Reshape", "flat", [h, g.ints(-1)])
    return g.model("x", [1, c, t], y), {}


def case_out1op(op: str, n: int) -> tuple[Any, dict[str, Any]]:
    """A rank-1 graph output of length N made by an op that is no Reshape: x[1, 8, 16, 16] -> 3x3 Conv -> Relu, then
    `relu` / `add` / `mul`: GlobalAveragePool -> Flatten -> Gemm to N -> Reshape [-1] -> Relu / Add / Mul of a
    constant [N]; `sub`: a gaze head's expectation (L2CS-Net: Gemm to N * 90 -> Reshape [N, 90] -> Softmax ->
    ReduceSum over 90 (keepdims 0) -> Mul by a scalar -> Sub of a scalar); `rsum2`: that ReduceSum making the output;
    `rsum4`: a map's sum over (0, 2, 3), keepdims 0 (CSRNet's count: Conv to N channels -> Relu -> ReduceSum). Does
    the toolkit put a CPU Reshape on that output, and named after what?"""
    g = G(n * 11 + len(op))
    h = g.op("Relu", "front", [conv(g, "conv", "x", 8, 8)])
    if op == "rsum4":
        h = g.op("Relu", "map", [conv(g, "head", h, 8, n, k=1)])
        y = g.op("ReduceSum", "rsum", [h, g.ints(0, 2, 3)], keepdims=0)
        return g.model("x", [1, 8, 16, 16], y, opset=13), {}
    h = g.op("Flatten", "flat", [g.op("GlobalAveragePool", "gap", [h])])
    k = 90 if op in ("sub", "rsum2") else 1
    h = g.op("Gemm", "fc", [h, g.w(n * k, 8), g.w(n * k)], transB=1)
    if op in ("sub", "rsum2"):
        h = g.op("Softmax", "sm", [g.op("Reshape", "bins", [h, g.ints(n, k)])], axis=1)
        h = g.op("ReduceSum", "rsum", [h, g.ints(1)], keepdims=0)
        if op == "sub":
            h = g.op("Mul", "scale", [h, g.const(np.array(4.0, np.float32))])
            h = g.op("Sub", "shift", [h, g.const(np.array(180.0, np.float32))])
        return g.model("x", [1, 8, 16, 16], h, opset=13), {}
    h = g.op("Reshape", "vec", [h, g.ints(-1)])
    if op == "relu":
        y = g.op("Relu", "act", [h])
    else:
        y = g.op(op.capitalize(), op, [h, g.w(n)])
    return g.model("x", [1, 8, 16, 16], y, opset=13), {}


def case_outrows(k: int, hw: int, tail: str) -> tuple[Any, dict[str, Any]]:
    """A face detector's per-level output as SCRFD / insightface export it: Conv map [1, 16, H, W] -> 3x3 Conv to K
    channels -> Transpose(0, 2, 3, 1) -> Reshape [-1, K] -> Sigmoid (`sig`, the scores) or Mul by the stride (`mul`,
    boxes and key points) or nothing (`none`) -> a rank-2 graph output [H * W, K] of many rows: does the toolkit add a
    CPU Reshape on it, as on a classifier's [1, N] (`head2`)?"""
    g = G(k * 7 + hw + len(tail))
    h = g.op("Relu", "front", ["x"])
    h = conv(g, "head", h, 16, k)
    h = g.op("Transpose", "nhwc", [h], perm=[0, 2, 3, 1])
    h = g.op("Reshape", "rows", [h, g.ints(-1, k)])
    if tail == "sig":
        h = g.op("Sigmoid", "score", [h])
    elif tail == "mul":
        h = g.op("Mul", "stride", [h, g.const(np.array(8.0, np.float32))])
    return g.model("x", [1, 16, hw, hw], h, opset=11), {}


def case_lvlrows(k: int, a: int, sides: tuple[int, ...], post: str, rank5: bool = False) -> tuple[Any, dict[str, Any]]:
    """A detector head's levels handed out as rows, as EfficientDet / RetinaFace / SSD ports write it (unseen set 11's
    BiFPN: 10 CPU layers on every rk3588 row, unpredicted): per level a map [1, 16, S, S] (MaxPools of the input) ->
    3x3 Conv to A * K channels (A anchors, K values each) -> Transpose(0, 2, 3, 1) -> Reshape [1, -1, K] -> Concat of
    the levels on axis 1 -> Sigmoid (`sig`) / Softmax over K (`softmax`) / nothing (`none`) -> a rank-3 output. Which
    level Reshapes and which Concat run on the CPU, by K, A * K and S? `rank5`: each level laid out the YOLOv5 way
    first, Reshape [1, A, K, S, S] -> Transpose(0, 1, 3, 4, 2), then the Reshape to rows (YOLOP's raw head)."""
    g = G(k * 7 + a * 3 + sum(sides) + len(post) + 5 * rank5)
    h, side, rows = g.op("Relu", "front", ["x"]), sides[0], []
    for i, s_ in enumerate(sides):
        while side > s_:
            h, side = g.op("MaxPool", f"down{i}_{side}", [h], kernel_shape=[2, 2], strides=[2, 2]), side // 2
        if rank5:
            t = g.op("Reshape", f"split{i}", [conv(g, f"head{i}", h, 16, a * k), g.ints(1, a, k, s_, s_)])
            t = g.op("Transpose", f"nhwc{i}", [t], perm=[0, 1, 3, 4, 2])
        else:
            t = g.op("Transpose", f"nhwc{i}", [conv(g, f"head{i}", h, 16, a * k)], perm=[0, 2, 3, 1])
        rows.append(g.op("Reshape", f"rows{i}", [t, g.ints(1, -1, k)]))
    y = g.op("Concat", "levels", rows, axis=1)
    if post == "sig":
        y = g.op("Sigmoid", "score", [y])
    elif post == "softmax":
        y = g.op("Softmax", "score", [y], axis=-1)
    return g.model("x", [1, 16, sides[0], sides[0]], y, opset=11), {}


def case_ktmm(h: int, w: int, d: int, heads: int = 1, norm: bool = False) -> tuple[Any, dict[str, Any]]:
    """Restormer's transposed (channel) attention, MDTA, on a map of H x W positions: a 1x1 Conv to 3 * C -> q, k, v
    Slices -> Reshape [1, heads, d, H * W] -> attn = q @ Transpose(0, 1, 3, 2)(k) -> Softmax -> @ v -> Reshape back ->
    1x1 Conv. k's Transpose swaps the last two axes of a map W = H * W wide, past the limit a Conv's map measured
    (rules/rk3588.yaml transpose_hw_npu_max, W > 1024): does it run on the CPU when a MatMul reads it (unseen set 10's
    Restormer-lite at 128 x 128 and 64 x 64: never, with every version)? `norm`: q and k L2-normalised over the
    positions first (x / max(||x||, eps), as Restormer writes F.normalize), so k's Transpose reads a Div."""
    g = G(h * 5 + w + d + heads + 3 * norm)
    c = d * heads
    x = conv(g, "qkv", "x", 16, 3 * c, k=1)
    parts = [g.op("Slice", f"take{i}", [x, g.ints(i * c), g.ints((i + 1) * c), g.ints(1)]) for i in range(3)]
    q, k, v = (g.op("Reshape", f"{n}_rs", [t, g.ints(1, heads, d, h * w)]) for n, t in zip("qkv", parts))
    if norm:
        def l2(t: str, n: str) -> str:
            r = g.op("Clip", f"{n}_clip", [g.op("ReduceL2", f"{n}_l2", [t], axes=[-1], keepdims=1),
                                           g.const(np.array(1e-12, np.float32))])
            return g.op("Div", f"{n}_norm", [t, r])

        q, k = l2(q, "q"), l2(k, "k")
    a = g.op("Softmax", "attn", [g.op("MatMul", "qk", [q, g.op("Transpose", "kt", [k], perm=[0, 1, 3, 2])])], axis=-1)
    y = g.op("Reshape", "back", [g.op("MatMul", "av", [a, v]), g.ints(1, c, h, w)])
    return g.model("x", [1, 16, h, w], conv(g, "proj", y, c, c, k=1)), {}


def case_padc(c: int, p: int, hw: int, pool: bool) -> tuple[Any, dict[str, Any]]:
    """BlazeFace's channel padding (MediaPipe BlazeBlock as PyTorch ports write it): x [1, C, H, W] -> Relu (`pool`:
    -> MaxPool 2x2 stride 2) -> Pad channels by P at the end (pads [0, 0, 0, 0, 0, P, 0, 0]) -> Add with a 1x1 Conv to
    C + P channels -> Relu -> 1x1 Conv: is the Pad on the CPU, by C?"""
    g = G(c * 3 + p + hw + pool)
    h = g.op("Relu", "front", ["x"])
    if pool:
        h = g.op("MaxPool", "pool", [h], kernel_shape=[2, 2], strides=[2, 2])
    a = g.op("Pad", "cpad", [h, g.ints(0, 0, 0, 0, 0, p, 0, 0)], mode="constant")
    b = g.op("Conv", "branch", [h, g.w(c + p, c, 1, 1), g.w(c + p)], kernel_shape=[1, 1])
    h = g.op("Relu", "act", [g.op("Add", "add", [a, b])])
    y = g.op("Conv", "tail", [h, g.w(c + p, c + p, 1, 1), g.w(c + p)], kernel_shape=[1, 1])
    return g.model("x", [1, c, hw * (2 if pool else 1), hw * (2 if pool else 1)], y, opset=11), {}


def case_padtail(c: int, p: int, hw: int, tail: str) -> tuple[Any, dict[str, Any]]:
    """EfficientAD's anomaly-map tail: a map [1, C, H, W] (a 1x1 Conv's output) -> zero Pad by P on every side ->
    `tail`: a bilinear Resize to 4 x the padded size minus a few pixels (a CPU Resize) as the graph output
    (`resize`), a 3x3 Conv without padding (`conv`), or the graph output itself (`out`). Is the Pad on the CPU by
    what reads it, by C?"""
    g = G(c * 5 + p + hw + len(tail))
    h = g.op("Conv", "front", ["x", g.w(c, 8, 1, 1), g.w(c)], kernel_shape=[1, 1])
    s = hw + 2 * p
    h = g.op("Pad", "pad", [h, g.ints(0, 0, p, p, 0, 0, p, p)], mode="constant")
    if tail == "resize":
        h = g.op("Resize", "up", [h, "", "", g.ints(1, c, 4 * hw, 4 * hw)], mode="linear")
    elif tail == "conv":
        h = g.op("Conv", "tail", [h, g.w(c, c, 3, 3), g.w(c)], kernel_shape=[3, 3])
    return g.model("x", [1, 8, hw, hw], h, opset=13), {"padded": s}


def case_padconv(c: int, pads: tuple[int, int, int, int], k: tuple[int, int], conv_pads: tuple[int, int],
                 stride: tuple[int, int] = (1, 1), hw: tuple[int, int] = (64, 64), rank: int = 4,
                 computed: bool = False) -> tuple[Any, dict[str, Any]]:
    """A zero Pad of a C-channel map straight into a Conv (unseen set 19's DCCRN causal time Pad (0, 1) of the
    1-channel spectrogram into a 5 x 2 Conv with its own frequency pads, CREPE's ZeroPad2d (255, 256) of a [8, 1, 1024,
    1] frame into a 512 x 1 Conv, Demucs' F.pad(0, 212) of the [1, 1, 16000] waveform into a Conv1d): a 1x1 Conv to C
    channels (C = 1: the graph input itself, a Slice of it) -> Pad (top, left, bottom, right = `pads`) -> Conv of
    kernel `k` with its own pads (`conv_pads`: along H, along W) and `stride`; `rank` 3: the waveform form ([1, C, L],
    pads (left, right) = pads[1], pads[3], a Conv1d of kernel k[1]); `computed`: the pads come through a Cast of an
    int32 constant (torch.onnx's F.pad at opset 13 computes them). Does the toolkit take the Pad into the Conv, or is
    it a layer of its own, and on which unit?"""
    g = G(c * 11 + sum(pads) + k[0] * 3 + k[1] + conv_pads[0] * 5 + conv_pads[1] + rank + computed)
    h, w = hw
    if rank == 3:
        x = g.op("Mul", "front", ["x", g.const(np.array([0.5], np.float32))]) if c == 1 else g.op(
            "Conv", "front", ["x", g.w(c, 1, 1), g.w(c)], kernel_shape=[1])
        pv = [0, 0, pads[1], 0, 0, pads[3]]
    else:
        x = g.op("Slice", "front", ["x", g.ints(0), g.ints(1), g.ints(1)]) if c == 1 else g.op(
            "Conv", "front", ["x", g.w(c, 2, 1, 1), g.w(c)], kernel_shape=[1, 1])
        pv = [0, 0, pads[0], pads[1], 0, 0, pads[2], pads[3]]
    pin = g.ints(*pv)
    if computed:
        pin = g.op("Cast", "pads_cast", [g.const(np.array(pv, np.int32))], to=7)
    y = g.op("Pad", "pad", [x, pin], mode="constant")
    if rank == 3:
        y = g.op("Conv", "conv", [y, g.w(16, c, k[1]), g.w(16)], kernel_shape=[k[1]], strides=[stride[1]],
                 pads=[conv_pads[1], conv_pads[1]])
        return g.model("x", [1, 1, w], y, opset=13), {}
    y = g.op("Conv", "conv", [y, g.w(16, c, *k), g.w(16)], kernel_shape=list(k), strides=list(stride),
             pads=[conv_pads[0], conv_pads[1], conv_pads[0], conv_pads[1]])
    return g.model("x", [1, 2 if c == 1 else 2, h, w], y, opset=13), {}


def case_vadseq(hid: int, state: bool, flat: bool, c: int = 64) -> tuple[Any, dict[str, Any]]:
    """silero-vad's sequence decoder as exported (silero-vad-16k-sequence): Conv1d [1, C, 1] -> Relu -> Transpose(0,
    2, 1) -> LSTM (hidden H; `state`: initial h / c from graph inputs, hn / cn graph outputs) -> Squeeze -> Relu ->
    Transpose(1, 2, 0) -> Conv1d to 1 channel -> Sigmoid (`flat`: -> Reshape [-1], a rank-1 output). Which of the
    Transposes and the Reshape run on the CPU?"""
    from onnx import TensorProto

    g = G(hid * 7 + state * 3 + flat)
    h = g.op("Relu", "enc_relu", [g.op("Conv", "enc", ["x", g.w(hid, c, 3), g.w(hid)], kernel_shape=[3], pads=[1, 1])])
    h = g.op("Transpose", "to_seq", [h], perm=[0, 2, 1])
    ins = [h, g.w(1, 4 * hid, hid), g.w(1, 4 * hid, hid), g.w(1, 8 * hid)]
    outs = ["lstm_y"] + (["hn", "cn"] if state else [])
    if state:
        ins += ["", "h", "c"]
    g.nodes.append(g.h.make_node("LSTM", ins, outs, name="lstm", hidden_size=hid))
    h = g.op("Relu", "dec_relu", [g.op("Squeeze", "lstm_sq", ["lstm_y", g.ints(1)])])
    h = g.op("Transpose", "to_map", [h], perm=[1, 2, 0])
    y = g.op("Sigmoid", "prob", [g.op("Conv", "dec", [h, g.w(1, hid, 1), g.w(1)], kernel_shape=[1])])
    if flat:
        y = g.op("Reshape", "flat", [y, g.ints(-1)])
    extra = (("h", TensorProto.FLOAT, [1, 1, hid]), ("c", TensorProto.FLOAT, [1, 1, hid])) if state else ()
    m = g.model("x", [1, c, 1], y, extra=extra)
    for o in outs[1:]:
        m.graph.output.append(g.h.make_tensor_value_info(o, TensorProto.FLOAT, [1, 1, hid]))
    return m, {}


def case_gruchain(t: int, f: int, h1: int, h2: int, h3: int, n: int, state: bool = True) -> tuple[Any, dict[str, Any]]:
    """RNNoise's streaming network as torch.onnx writes it (unseen set 17): features [1, T, F] (a graph input) ->
    Linear(F, h1) -> Tanh -> Transpose(1, 0, 2) -> GRU(h1) -> Squeeze -> Transpose back; Concat(dense, vad GRU out,
    features) on the last axis -> Transpose -> GRU(h2) -> ...; Concat(vad out, noise out, features) -> Transpose ->
    GRU(h3) -> Linear(h3, n) -> Sigmoid (gains [1, T, n], the graph output) and Linear(h1, 1) -> Sigmoid off the vad
    GRU (vad [1, T, 1], a second output); `state`: each GRU's initial state a graph input [1, 1, h], its last state
    an output. Which Transposes into the GRUs (by the Concat's width), which Reshape of the features input and of the
    N = 1 Linear run on the CPU?"""
    from onnx import TensorProto

    g = G(t * 31 + f * 7 + h1 * 5 + h2 * 3 + h3 + n + state)
    x = g.op("Tanh", "dense_act", [g.op("Add", "dense_add", [g.w(h1), g.op("MatMul", "dense", ["x", g.w(f, h1)])])])
    extra, outs = [], []

    def gru(name: str, seq: str, d: int, h: int) -> str:
        i = g.op("Transpose", f"{name}_in", [seq], perm=[1, 0, 2])
        ins = [i, g.w(1, 3 * h, d), g.w(1, 3 * h, h), g.w(1, 6 * h)]
        o = [f"{name}_y"]
        if state:
            ins += ["", f"{name}_h0"]
            o.append(f"{name}_hn")
            extra.append((f"{name}_h0", TensorProto.FLOAT, [1, 1, h]))
            outs.append((f"{name}_hn", h))
        g.nodes.append(g.h.make_node("GRU", ins, o, name=name, hidden_size=h, linear_before_reset=1))
        return g.op("Transpose", f"{name}_out", [g.op("Squeeze", f"{name}_sq", [o[0], g.ints(1)])], perm=[1, 0, 2])

    vad = gru("vad_gru", x, h1, h1)
    noise = gru("noise_gru", g.op("Concat", "noise_cat", [x, vad, "x"], axis=-1), 2 * h1 + f, h2)
    den = gru("den_gru", g.op("Concat", "den_cat", [vad, noise, "x"], axis=-1), h1 + h2 + f, h3)
    y = g.op("Sigmoid", "gains", [g.op("Add", "gain_add", [g.w(n), g.op("MatMul", "gain", [den, g.w(h3, n)])])])
    v = g.op("Sigmoid", "vad", [g.op("Add", "vad_add", [g.w(1), g.op("MatMul", "vad_mm", [vad, g.w(h1, 1)])])])
    m = g.model("x", [1, t, f], y, extra=tuple(extra))
    m.graph.output.append(g.h.make_tensor_value_info(v, TensorProto.FLOAT, [1, t, 1]))
    for o, h in outs:
        m.graph.output.append(g.h.make_tensor_value_info(o, TensorProto.FLOAT, [1, 1, h]))
    return m, {}


def case_bilstm(t: int, d: int, h1: int, h2: int, layers: int = 2) -> tuple[Any, dict[str, Any]]:
    """A Keras bidirectional LSTM stack as tf2onnx writes openWakeWord's wake-word heads (hey-mycroft: T = 16, D = 96,
    64 then 32 units): x[1, T, D] -> Transpose(1, 0, 2) -> LSTM (bidirectional, H1) -> Slice each direction ->
    Squeeze -> Concat -> (`layers` 2: LSTM (bidirectional, H2) ->) Slice each direction -> Squeeze -> the last step
    (Slice -> Squeeze to [1, H]) -> Concat [1, 2H] -> Linear to 1 -> Sigmoid -> output [1, 1]. Which of the layout
    layers the toolkit adds around the LSTM outputs and the rank-2 Concat run on the CPU?"""
    g = G(t * d + h1 * 3 + h2 + layers)

    def bilstm(name: str, x: str, din: int, hid: int) -> list[str]:
        outs = [f"{name}_y"]
        g.nodes.append(g.h.make_node("LSTM", [x, g.w(2, 4 * hid, din), g.w(2, 4 * hid, hid), g.w(2, 8 * hid)], outs,
                                     name=name, hidden_size=hid, direction="bidirectional"))
        dirs = []
        for k in (0, 1):
            sl = g.op("Slice", f"{name}_dir{k}", [outs[0], g.ints(k), g.ints(k + 1), g.ints(1)])
            dirs.append(g.op("Squeeze", f"{name}_sq{k}", [sl, g.ints(1)]))
        return dirs

    h = g.op("Transpose", "to_seq", ["x"], perm=[1, 0, 2])
    dirs = bilstm("lstm1", h, d, h1)
    hid = h1
    if layers == 2:
        dirs = bilstm("lstm2", g.op("Concat", "cat1", dirs, axis=2), 2 * h1, h2)
        hid = h2
    last = [g.op("Squeeze", f"last_sq{k}", [g.op("Slice", f"last{k}", [v, g.ints(t - 1 if k == 0 else 0),
                                                                       g.ints(t if k == 0 else 1), g.ints(0)]),
                                              g.ints(0)]) for k, v in enumerate(dirs)]
    h = g.op("Concat", "cat_last", last, axis=1)
    h = g.op("Add", "dense_b", [g.op("MatMul", "dense", [h, g.w(2 * hid, 1)]), g.w(1)])
    y = g.op("Sigmoid", "prob", [h])
    return g.model("x", [1, t, d], y), {}


def case_rnnout(kind: str, t: int, hid: int, tail: bool, layers: int = 2, d: int = 256) -> tuple[Any, dict[str, Any]]:
    """A bidirectional RNN encoder handing its sequence out as torch.onnx writes translit-encoder's (a GRU seq2seq: T =
    16, H = 128, two layers): x[1, T, D] -> Add -> Transpose(1, 0, 2) -> (RNN, both directions -> Transpose(0, 2, 1, 3)
    -> Reshape [T, 1, 2H]) x `layers` -> Transpose(1, 0, 2) -> the graph output [1, T, 2H]; `tail`: the same tensor
    also read by a Mul -> ReduceSum over the tokens -> Gemm -> a second output [1, 2H]. Does the output get a CPU
    Reshape, and which of the run's layout nodes run on the CPU?"""
    from onnx import TensorProto

    g = G(t * hid + len(kind) + tail + layers)
    h = g.op("Transpose", "to_seq", [g.op("Add", "front", ["x", g.w(d)])], perm=[1, 0, 2])
    gates = 4 if kind == "LSTM" else 3
    din = d
    for k in range(layers):
        attrs = {"linear_before_reset": 1} if kind == "GRU" else {}
        r = g.op(kind, f"rnn{k}", [h, g.w(2, gates * hid, din), g.w(2, gates * hid, hid), g.w(2, 2 * gates * hid)],
                 hidden_size=hid, direction="bidirectional", **attrs)
        h = g.op("Reshape", f"rnn{k}_rs", [g.op("Transpose", f"rnn{k}_tp", [r], perm=[0, 2, 1, 3]),
                                           g.ints(t, 1, 2 * hid)])
        din = 2 * hid
    y = g.op("Transpose", "memory", [h], perm=[1, 0, 2])
    out2 = None
    if tail:
        pooled = g.op("ReduceSum", "pool", [g.op("Mul", "masked", [y, g.w(1, t, 1)]), g.ints(1)], keepdims=0)
        out2 = g.op("Gemm", "bridge", [pooled, g.w(2 * hid, 2 * hid), g.w(2 * hid)], transB=1)
    m = g.model("x", [1, t, d], y)
    if out2:
        m.graph.output.append(g.h.make_tensor_value_info(out2, TensorProto.FLOAT, [1, 2 * hid]))
    return m, {}


def case_rnnheads(kind: str, t: int, hid: int, heads: int, layers: int = 2, c: int = 128,
                  bidir: bool = True) -> tuple[Any, dict[str, Any]]:
    """A sound-event CRNN's recurrent tail (unseen set 16's sed_crnn_glu_bigru: a Conv map [1, C, T] -> Transpose(2,
    0, 1) -> two bidirectional GRUs, each Transpose(0, 2, 1, 3) -> Reshape [T, 1, 2H] -> Transpose(1, 0, 2) back to
    [1, T, 2H] -> `heads` Linears reading it (the frame-wise scores and the attention weights), summed into the
    output). With 2.3.2 the last Transpose ran on the CPU on rk3588, rk3566 and rv1106 in that model, and nothing
    said so: is it the two readers, the GRU, the direction, T?"""
    g = G(t * hid + len(kind) + 5 * heads + layers + 7 * bidir)
    x = g.op("Conv", "pre", ["x", g.w(c, 8, 3), g.w(c)], kernel_shape=[3], pads=[1, 1])
    h = g.op("Transpose", "to_seq", [g.op("Relu", "act", [x])], perm=[2, 0, 1])
    gates = 4 if kind == "LSTM" else 3
    nd = 2 if bidir else 1
    din = c
    for k in range(layers):
        attrs = {"linear_before_reset": 1} if kind == "GRU" else {}
        r = g.op(kind, f"rnn{k}", [h, g.w(nd, gates * hid, din), g.w(nd, gates * hid, hid), g.w(nd, 2 * gates * hid)],
                 hidden_size=hid, direction="bidirectional" if bidir else "forward", **attrs)
        if bidir:
            h = g.op("Reshape", f"rnn{k}_rs", [g.op("Transpose", f"rnn{k}_tp", [r], perm=[0, 2, 1, 3]),
                                               g.ints(t, 1, 2 * hid)])
        else:
            h = g.op("Squeeze", f"rnn{k}_sq", [r, g.ints(1)])
        din = nd * hid
    y = g.op("Transpose", "back", [h], perm=[1, 0, 2])
    outs = [g.op("Add", f"head{i}_add", [g.op("MatMul", f"head{i}", [y, g.w(din, 10)]), g.w(10)]) for i in range(heads)]
    out = outs[0]
    for i, o in enumerate(outs[1:]):
        out = g.op("Mul", f"join{i}", [out, g.op("Softmax", f"att{i}", [o], axis=-1)])
    return g.model("x", [1, 8, t], out), {"kind": kind}


def case_svflat(c: int, w: int) -> tuple[Any, dict[str, Any]]:
    """The start of PaddleOCR's SVTR mixer as its rec models export it (PP-OCRv4 rec: [1, 120, 1, 40]): Conv 1x1 ->
    Swish (Mul by its Sigmoid) -> Reshape [1, C, W] (Paddle's flatten) -> Transpose(0, 2, 1) -> LayerNorm written
    out (ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add) -> qkv Linear -> output: are the Reshape and the
    Transpose to tokens on the CPU?"""
    g = G(c * 5 + w)
    h = g.op("Conv", "pre", ["x", g.w(c, 8, 1, 1), g.w(c)], kernel_shape=[1, 1])
    h = g.op("Mul", "swish", [h, g.op("Sigmoid", "swish_sig", [h])])
    h = g.op("Reshape", "flat", [h, g.ints(1, c, w)])
    h = g.op("Transpose", "tokens", [h], perm=[0, 2, 1])
    mu = g.op("ReduceMean", "ln_mean", [h], axes=[-1])
    d = g.op("Sub", "ln_sub", [h, mu])
    var = g.op("ReduceMean", "ln_var", [g.op("Pow", "ln_pow", [d, g.const(np.array(2.0, np.float32))])], axes=[-1])
    sd = g.op("Sqrt", "ln_sqrt", [g.op("Add", "ln_eps", [var, g.const(np.array(1e-5, np.float32))])])
    h = g.op("Add", "ln_b", [g.op("Mul", "ln_g", [g.op("Div", "ln_div", [d, sd]), g.w(c)]), g.w(c)])
    y = g.op("Add", "qkv_b", [g.op("MatMul", "qkv", [h, g.w(c, 3 * c)]), g.w(3 * c)])
    return g.model("x", [1, 8, 1, w], y), {}


def case_zstate(hid: int, tie: str, lead: int = 2) -> tuple[Any, dict[str, Any]]:
    """silero-vad's state output as exported (silero-vad-16k-op15): two [1, 1, H] halves (here Tanh of the state
    input's Slices) -> Concat [2, 1, H] -> Add Cast(sr * k) (`tie` "zero": k = 0, the sample rate tied in for nothing;
    "three": k = 3; "none": no Add) -> the graph output stateN [`lead`, 1, H] (`lead` 1: one half, no Concat). Does the
    output get a CPU Reshape, and does the Add of the folded zero keep one?"""
    from onnx import TensorProto

    g = G(hid * 11 + len(tie) + lead)
    halves = [g.op("Tanh", f"half{k}", [g.op("Slice", f"cut{k}", ["state", g.ints(k), g.ints(k + 1), g.ints(0)])])
              for k in range(lead)]
    h = g.op("Concat", "cat", halves, axis=0) if lead > 1 else halves[0]
    if tie != "none":
        sr = g.op("Cast", "sr_cast", [g.op("Mul", "sr_mul", ["sr", g.const(np.array(0 if tie == "zero" else 3,
                                                                                     np.int64))])],
                  to=TensorProto.FLOAT)
        h = g.op("Add", "tie", [h, sr])
    extra = (("sr", TensorProto.INT64, []),) if tie != "none" else ()
    m = g.model("state", [2, 1, hid], h, opset=15, extra=extra)
    return m, {}


def case_scalar(h: int, w: int, cast: bool = True) -> tuple[Any, dict[str, Any]]:
    """A log-mel floor as openWakeWord's melspectrogram computes it: x[1, 1, H, W] -> Add -> ReduceMax over all
    (keepdims 0, a CPU op on rk3588) -> Sub 80 -> Cast -> Clip(x, min = that) -> output: does the toolkit hand the
    scalar on through a CPU Reshape named after the Sub, or run the Sub and the Cast on the CPU themselves (2.3.0)?
    Neighbour: no Cast (the Sub straight into the Clip's min)."""
    g = G(h * w + 3 * (not cast))
    a = g.op("Add", "front", ["x", g.const(np.array(0.5, np.float32))])
    m = g.op("ReduceMax", "peak", [a], keepdims=0)
    s = g.op("Sub", "floor", [m, g.const(np.array(80.0, np.float32))])
    if cast:
        s = g.op("Cast", "floor_cast", [s], to=1)
    y = g.op("Clip", "clip", [a, s, g.const(np.array(np.inf, np.float32))])
    return g.model("x", [1, 1, h, w], y), {}


def case_head3(s: int, d: int, n: int, softmax: bool = False) -> tuple[Any, dict[str, str]]:
    """x[1,S,D] -> Add -> MatMul(W[D,N]) -> Add(b) -> output; `softmax`: then a Softmax over N (a CTC recogniser's
    head: PP-OCR rec, 40 x 120 -> 6625 / 18385 classes)."""
    g = G(s * n + softmax)
    h = g.op("Add", "front", ["x", g.w(d)])
    h = g.op("MatMul", "head_mm", [h, g.w(d, n)])
    y = g.op("Add", "head_add", [h, g.w(n)])
    if softmax:
        y = g.op("Softmax", "head_softmax", [y], axis=-1)
    return g.model("x", [1, s, d], y), {}


def case_head2(n: int, linear: str, tail: tuple[str, ...], c: int = 64) -> tuple[Any, dict[str, Any]]:
    """A classifier head making a rank-2 graph output [1, N]: Conv -> GlobalAveragePool -> Flatten -> Linear (MatMul
    + bias Add, as Paddle2ONNX and tf2onnx write it, or one Gemm, as torch.onnx does) -> the `tail` ops (Softmax,
    Sigmoid, Relu, Identity) -> output. Which node gets the toolkit's CPU Reshape: the Linear (a Reshape after its 1x1
    Conv, named after the MatMul's output: MTCNN, PP-OCR's direction classifier) or the output (openWakeWord's heads)?
    `linear` "conv": the classifier a 1x1 Conv on the pooled map before the Flatten (unseen set 15's TC-ResNet: its CPU
    Reshape named after the Flatten on rk3588)."""
    g = G(n * 31 + len(tail) + 7 * (linear == "gemm") + 11 * (linear == "conv"))
    x = conv(g, "pre", "x", 3, c)
    h = g.op("GlobalAveragePool", "gap", [x])
    if linear == "conv":
        h = g.op("Conv", "head_conv", [h, g.w(n, c, 1, 1)], kernel_shape=[1, 1])
    h = g.op("Flatten", "flat", [h], axis=1)
    if linear == "conv":
        pass
    elif linear == "gemm":
        h = g.op("Gemm", "head_mm", [h, g.w(n, c), g.w(n)], transB=1)
    else:
        h = g.op("MatMul", "head_mm", [h, g.w(c, n)])
        h = g.op("Add", "head_add", [h, g.w(n)])
    for i, op in enumerate(tail):
        h = g.op(op, f"tail{i}_{op.lower()}", [h], **({"axis": -1} if op == "Softmax" else {}))
    return g.model("x", [1, 3, 8, 8], h), {}


def case_sqrt(c: int, t: int, rank: int) -> tuple[Any, dict[str, Any]]:
    """A magnitude as silero-vad's STFT computes it: Conv -> Pow(2) -> Add(eps) -> Sqrt -> Conv, on a rank-3 [1, C, T]
    (1-D convolutions) or rank-4 [1, C, T, T] map: does the Sqrt leave the NPU in int8 (it did in silero-vad's
    rk3588 int8 builds, not in float16)?"""
    g = G(c * t + rank)
    k = [1] * (rank - 2)

    def cv(name: str, x: str, cin: int, cout: int) -> str:
        return g.op("Conv", name, [x, g.w(cout, cin, *k), g.w(cout)], kernel_shape=k)

    x = cv("pre", "x", 4, c)
    h = g.op("Pow", "sq", [x, g.const(np.array(2.0, np.float32))])
    h = g.op("Add", "eps", [h, g.const(np.array(1e-3, np.float32))])
    h = g.op("Sqrt", "mag", [h])
    y = cv("post", h, c, c)
    return g.model("x", [1, 4, t] + ([t] if rank == 4 else []), y), {}


def case_swap(c: int, hh: int, ww: int) -> tuple[Any, dict[str, str]]:
    g = G(c * hh * ww)
    x = conv(g, "pre", "x", 3, c)
    h = g.op("Reshape", "flat", [x, g.ints(1, c, hh * ww)])
    h = g.op("Transpose", "swap_in", [h], perm=[0, 2, 1])
    h = g.op("MatMul", "mix", [h, g.w(c, c)])
    h = g.op("Transpose", "swap_out", [h], perm=[0, 2, 1])
    h = g.op("Reshape", "unflat", [h, g.ints(1, c, hh, ww)])
    y = conv(g, "post", h, c, c)
    return g.model("x", [1, 3, hh, ww], y), {}


def case_rnnpad(b: int, t: int, d: int, hid: int, bidir: bool = False, kind: str = "GRU") -> tuple[Any, dict[str, Any]]:
    """An RNN over a batch of sequences as GTCRN's dual-path blocks write it (unseen set 15): x [B, T, D] -> Add ->
    Transpose(1, 0, 2) -> [T, B, D] -> RNN (`bidir`: both directions, then Transpose(0, 2, 1, 3) -> Reshape [T, B,
    2H]; else Squeeze) -> Transpose(1, 0, 2) -> a Linear. rknn-toolkit2 2.5.0 put a Pad on the RNN's input
    ('Pad:<transpose output>_pad') on the CPU in GTCRN (B x T = 63 x 33 and 33 x 63), none at 32 x 16 or 16 x 8
    (`dpgru`): which batch, sequence and feature sizes does it pad?"""
    g = G(b * 131 + t * 7 + d + hid + 3 * bidir)
    h = g.op("Add", "front", ["x", g.w(d)])
    h = g.op("Transpose", "rnn_in", [h], perm=[1, 0, 2])
    gates = 4 if kind == "LSTM" else 3
    nd = 2 if bidir else 1
    attrs = {"linear_before_reset": 1} if kind == "GRU" else {}
    r = g.op(kind, "rnn", [h, g.w(nd, gates * hid, d), g.w(nd, gates * hid, hid), g.w(nd, 2 * gates * hid)],
             hidden_size=hid, direction="bidirectional" if bidir else "forward", **attrs)
    if bidir:
        h = g.op("Reshape", "rnn_rs", [g.op("Transpose", "rnn_tp", [r], perm=[0, 2, 1, 3]), g.ints(t, b, 2 * hid)])
    else:
        h = g.op("Squeeze", "rnn_sq", [r, g.ints(1)])
    h = g.op("Transpose", "rnn_out", [h], perm=[1, 0, 2])
    h = g.op("MatMul", "head_mm", [h, g.w(nd * hid, 16)])
    y = g.op("Add", "head_add", [h, g.w(16)])
    return g.model("x", [b, t, d], y, opset=14), {"kind": kind}


def case_slicegru(b: int, t: int, c: int, shape_read: bool = True, front: str = "slice") -> tuple[Any, dict[str, Any]]:
    """GTCRN's GRU input (unseen set 15) alone: a map [1, C, B, T] -> Conv -> Transpose(0, 2, 3, 1) -> Reshape [B, T, C]
    -> (`front` "slice": the first half of the channels, Slice on the last axis; "add": all C through an Add) ->
    Transpose(1, 0, 2) -> GRU (hidden C/2, a batch of B over T) -> Squeeze -> Transpose(1, 0, 2) -> Concat with the
    other half -> Reshape [1, B, T, C] -> Transpose back -> Conv. `shape_read`: a Shape of the GRU's input read (the
    export's initial-state Expand), as in GTCRN, so a layer on that value is the Transpose's. rknn-toolkit2 2.5.0 put
    'Pad:<transpose output>_pad' on the CPU in GTCRN and `dpgru` at B x T = 63 x 33 and 33 x 63, not at 32 x 16, and
    not with an Add in front (`rnnpad`)."""
    g = G(b * 17 + t * 5 + c + 2 * shape_read + len(front))
    x = conv(g, "pre", "x", 3, c, k=1)
    h = g.op("Reshape", "to_btc", [g.op("Transpose", "to_nhwc", [x], perm=[0, 2, 3, 1]), g.ints(b, t, c)])
    half = c // 2
    if front == "slice":
        s = g.op("Slice", "half", [h, g.ints(0), g.ints(half), g.ints(2)])
        rest = g.op("Slice", "rest", [h, g.ints(half), g.ints(c), g.ints(2)])
        din = half
    else:
        s = g.op("Add", "half", [h, g.w(c)])
        rest = None
        din = c
    s = g.op("Transpose", "gru_in", [s], perm=[1, 0, 2])
    if shape_read:
        g.nodes.append(g.h.make_node("Shape", [s], ["gru_in_shape"], name="gru_in_shape"))
    hid = half
    r = g.op("GRU", "gru", [s, g.w(1, 3 * hid, din), g.w(1, 3 * hid, hid), g.w(1, 6 * hid)], hidden_size=hid,
             linear_before_reset=1)
    r = g.op("Transpose", "gru_out", [g.op("Squeeze", "gru_sq", [r, g.ints(1)])], perm=[1, 0, 2])
    if rest is not None:
        r = g.op("Concat", "cat", [r, rest], axis=-1)
    r = g.op("Reshape", "to_map", [r, g.ints(1, b, t, hid + (c - half if rest is not None else 0))])
    y = conv(g, "post", g.op("Transpose", "to_nchw", [r], perm=[0, 3, 1, 2]),
             hid + (c - half if rest is not None else 0), c, k=1)
    return g.model("x", [1, 3, b, t], y, opset=14), {}


def case_rnn(kind: str, t: int, d: int, hid: int) -> tuple[Any, dict[str, str]]:
    """batch_first as PyTorch exports it: Transpose(1,0,2) in, the RNN, Squeeze, Transpose(1,0,2) out, a Linear."""
    g = G(t * hid)
    h = g.op("Add", "front", ["x", g.w(d)])
    h = g.op("Transpose", "rnn_in", [h], perm=[1, 0, 2])
    gates = 4 if kind == "LSTM" else 3
    r = g.op(kind, "rnn", [h, g.w(1, gates * hid, d), g.w(1, gates * hid, hid), g.w(1, 2 * gates * hid)],
             hidden_size=hid)
    h = g.op("Squeeze", "rnn_sq", [r, g.ints(1)])
    h = g.op("Transpose", "rnn_out", [h], perm=[1, 0, 2])
    h = g.op("MatMul", "head_mm", [h, g.w(hid, 16)])
    y = g.op("Add", "head_add", [h, g.w(16)])
    return g.model("x", [1, t, d], y), {"kind": kind}


def case_rnnseq(kind: str, t: int, f: int, d: int, hid: int, hid2: int, n: int, vad: bool = False
                ) -> tuple[Any, dict[str, Any]]:
    """Two batch-first RNNs of a batch of one in a chain, as torch.onnx writes RNNoise (unseen set 17's
    audio_rnnoise_gru_stream: a rank-3 graph input x [1, T, F] -> Linear to D -> Tanh -> Transpose(1, 0, 2) -> GRU ->
    Squeeze -> Transpose(1, 0, 2) -> Concat with the Tanh's output and x -> Transpose -> a second GRU -> Squeeze ->
    Transpose -> Linear to N -> Sigmoid): with one sequence the Transposes only move a unit axis; which of them, and
    of the Squeezes, run on the CPU on rk3566 (RNNoise's five, all but the first, missed), and the input's and the
    Linears' layers?"""
    g = G(t * 13 + f + d * 7 + hid + hid2 * 3 + n + len(kind))
    gates = 4 if kind == "LSTM" else 3

    def rnn(name: str, x: str, din: int, h: int) -> str:
        r = g.op(kind, name, [x, g.w(1, gates * h, din), g.w(1, gates * h, h), g.w(1, 2 * gates * h)], hidden_size=h)
        return g.op("Transpose", name + "_out", [g.op("Squeeze", name + "_sq", [r, g.ints(1)])], perm=[1, 0, 2])

    a = g.op("Tanh", "dense_act", [g.op("Add", "dense_add", [g.op("MatMul", "dense", ["x", g.w(f, d)]), g.w(d)])])
    r1 = rnn("rnn1", g.op("Transpose", "rnn1_in", [a], perm=[1, 0, 2]), d, hid)
    cat = g.op("Concat", "cat", [a, r1, "x"], axis=-1)
    r2 = rnn("rnn2", g.op("Transpose", "rnn2_in", [cat], perm=[1, 0, 2]), d + hid + f, hid2)
    y = g.op("Sigmoid", "head_act", [g.op("Add", "head_add", [g.op("MatMul", "head", [r2, g.w(hid2, n)]), g.w(n)])])
    if vad:
        v = g.op("Sigmoid", "vad_act", [g.op("Add", "vad_add", [g.op("MatMul", "vad", [r1, g.w(hid, 1)]), g.w(1)])])
        y = g.op("Mul", "vad_mul", [y, v])
    return g.model("x", [1, t, f], y), {}


def case_tmix(t: int, c: int, hid: int = 64, blocks: int = 2, tout: int = 96) -> tuple[Any, dict[str, Any]]:
    """TSMixer as torch's dynamo exporter writes it (unseen set 17's ts_tsmixer_512x7: a rank-3 graph input x [1, T,
    C] of C series): per block a LayerNorm over C -> Transpose(0, 2, 1) -> Linear over time T -> T -> Relu ->
    Transpose back -> residual Add, then LayerNorm -> Linear C -> hid -> Relu -> Linear hid -> C -> residual Add; the
    head Transpose -> Linear T -> tout -> Transpose back. On rk3566 TSMixer's time Linears' Transposes back and the
    Transposes in front ran on the CPU at C = 7, the feature Linear to 7 outputs over 512 rows on the NPU: by which C
    and T?"""
    g = G(t * 3 + c * 5 + hid + blocks + tout)
    h = g.op("Add", "front", ["x", g.const(np.array(0.5, np.float32))])
    for b in range(blocks):
        n1 = g.op("LayerNormalization", f"b{b}_ln1", [h, g.w(c), g.w(c)], axis=-1, epsilon=1e-5)
        z = g.op("Transpose", f"b{b}_tp1", [n1], perm=[0, 2, 1])
        z = g.op("Relu", f"b{b}_tact", [g.op("Add", f"b{b}_tadd", [g.op("MatMul", f"b{b}_tfc", [z, g.w(t, t)]),
                                                                   g.w(t)])])
        h = g.op("Add", f"b{b}_res1", [h, g.op("Transpose", f"b{b}_tp2", [z], perm=[0, 2, 1])])
        n2 = g.op("LayerNormalization", f"b{b}_ln2", [h, g.w(c), g.w(c)], axis=-1, epsilon=1e-5)
        z = g.op("Relu", f"b{b}_fact", [g.op("Add", f"b{b}_fadd1", [g.op("MatMul", f"b{b}_ffc1", [n2, g.w(c, hid)]),
                                                                    g.w(hid)])])
        z = g.op("Add", f"b{b}_fadd2", [g.op("MatMul", f"b{b}_ffc2", [z, g.w(hid, c)]), g.w(c)])
        h = g.op("Add", f"b{b}_res2", [h, z])
    z = g.op("Transpose", "head_tp1", [h], perm=[0, 2, 1])
    z = g.op("Add", "head_add", [g.op("MatMul", "head_fc", [z, g.w(t, tout)]), g.w(tout)])
    y = g.op("Transpose", "head_tp2", [z], perm=[0, 2, 1])
    return g.model("x", [1, t, c], y, opset=17), {}


def case_padim(hw: int, d: int, up: int = 8) -> tuple[Any, dict[str, Any]]:
    """PaDiM's anomaly map as TorchScript writes it (unseen set 17's anomaly_padim_lite): a Conv map [1, D, h, w] ->
    Reshape [1, D, P] -> Sub of the mean [D, P] -> Transpose(2, 0, 1) -> [P, 1, D] -> batched MatMul by the inverse
    covariances [P, D, D] -> Mul by the centred features -> ReduceSum over D -> Clip -> Sqrt -> Reshape [1, 1, h, w] ->
    Resize x up -> a 1-channel Conv (the blur) -> Flatten -> ReduceMax (the image score). On rk3566 the ReduceSum's
    layer ('Transpose:<sum>_rs'), the Reshape back to the map and the Flatten of the upscaled map ran on the CPU, the
    MatMul and the Mul not: by P, D and the map's size?"""
    g = G(hw * 5 + d * 3 + up)
    p = hw * hw
    x = conv(g, "pre", "x", 3, d, k=1)
    h = g.op("Reshape", "rs", [x, g.ints(1, d, p)])
    h = g.op("Transpose", "tp", [g.op("Sub", "centre", [h, g.w(d, p)])], perm=[2, 0, 1])
    inv = g.const(np.eye(d, dtype=np.float32)[None] + g.rng.normal(0, 0.05, (p, d, d)).astype(np.float32))
    m = g.op("MatMul", "maha", [h, inv])
    r = g.op("ReduceSum", "sum", [g.op("Mul", "quad", [m, h]), g.ints(-1)], keepdims=0)
    r = g.op("Sqrt", "sqrt", [g.op("Clip", "clip", [r, g.const(np.array(0, np.float32))])])
    a = g.op("Reshape", "to_map", [r, g.ints(1, 1, hw, hw)])
    a = g.op("Resize", "up", [a, "", g.const(np.array([1, 1, up, up], np.float32))], mode="linear")
    a = g.op("Conv", "blur", [a, g.w(1, 1, 3, 3)], kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    y = g.op("ReduceMax", "score", [g.op("Flatten", "flat", [a], axis=1)], axes=[1], keepdims=0)
    return g.model("x", [1, 3, hw, hw], y), {}


def case_reduce(op: str, c: int, hw: int, axes: list[int], keepdims: int, opset: int = OPSET) -> tuple[Any, dict[str, Any]]:
    """Conv -> Reduce(axes) -> (keepdims: Conv; else a Linear head on the flat [1, C]); keepdims 0 over the last
    axis only: Reshape back to 4-D -> Conv."""
    g = G(c * hw + len(axes))
    x = conv(g, "pre", "x", 3, c)
    h = g.op("Relu", "front", [x])
    if op == "ReduceSum" or opset >= 18:  # axes an input from opset 13 on (ReduceMean from 18 on)
        r = g.op(op, "reduce", [h, g.ints(*axes)], keepdims=keepdims)
    else:
        r = g.op(op, "reduce", [h], axes=axes, keepdims=keepdims)
    if keepdims:
        y = conv(g, "post", r, c, c, k=1)
    elif len(axes) == 2:
        y = g.op("Gemm", "post", [r, g.w(16, c), g.w(16)], transB=1)
    else:
        r = g.op("Reshape", "back", [r, g.ints(1, c, hw, 1)])
        y = conv(g, "post", r, c, c, k=1)
    return g.model("x", [1, 3, hw, hw], y, opset), {}


def case_reduce_tail(c: int, hw: int, axes: tuple[int, ...], tail: str) -> tuple[Any, dict[str, Any]]:
    """A classifier's pool and what reads it: Conv -> Relu -> ReduceMean(axes, keepdims) [1, C, 1, 1] -> `tail`:
    "conv", a 1x1 Conv; "flatten", Flatten -> Gemm; "view", Reshape [1, C] -> Gemm (torch's x.mean((-1, -2),
    keepdim=True).view(1, -1) in a dynamo export). Over (-1, -2) the toolkit adds a Transpose after the mean that
    runs on the CPU (rk3566): which node's name does that layer take (`reduce_readers`)?"""
    g = G(c * hw + len(axes) + len(tail))
    x = conv(g, "pre", "x", 3, c)
    h = g.op("Relu", "relu", [x])
    r = g.op("ReduceMean", "mean", [h, g.ints(*axes)], keepdims=1)
    if tail == "conv":
        y = g.op("Conv", "fc", [r, g.w(10, c, 1, 1), g.w(10)], kernel_shape=[1, 1])
    else:
        f = (g.op("Flatten", "flat", [r], axis=1) if tail == "flatten"
             else g.op("Reshape", "view", [r, g.ints(1, c)]))
        y = g.op("Gemm", "fc", [f, g.w(10, c), g.w(10)], transB=1)
    return g.model("x", [1, 3, hw, hw], y, 18), {}


def case_clipmean(t: int, k: int, op: str = "ReduceMean", front: str = "reshape") -> tuple[Any, dict[str, Any]]:
    """A clip classifier's consensus over its frames as TSM exports it (unseen set 9): T frames in the batch [T, 16, 4,
    4] -> Conv -> GlobalAveragePool -> Flatten -> Gemm to K classes -> Reshape [1, T, K] -> (`front` "relu": a Relu)
    -> `op` over the frames (axis 1, keepdims 0) -> the graph output [1, K]. Where does the CPU Reshape that a rank-2
    output gets go, and which node's name does it take?"""
    g = G(t * k + len(op) + len(front))
    x = conv(g, "pre", "x", 16, 16)
    h = g.op("Flatten", "flat", [g.op("GlobalAveragePool", "gap", [x])], axis=1)
    h = g.op("Gemm", "fc", [h, g.w(k, 16), g.w(k)], transB=1)
    h = g.op("Reshape", "clip", [h, g.ints(1, t, k)])
    if front == "relu":
        h = g.op("Relu", "act", [h])
    if op == "ReduceSum":
        y = g.op(op, "consensus", [h, g.ints(1)], keepdims=0)
    else:
        y = g.op(op, "consensus", [h], axes=[1], keepdims=0)
    return g.model("x", [t, 16, 4, 4], y), {}


def case_reduce_plane(c: int, h: int, w: int) -> tuple[Any, dict[str, Any]]:
    """Conv -> Relu -> ReduceMean([2, 3], keepdims) -> 1x1 Conv on a [1, C, H, W] map: does the toolkit hand the map
    to the pool through a CPU Reshape, by the plane's size? (case_reduce builds the square ones of the grid)"""
    g = G(c * h * w + 2)
    x = conv(g, "pre", "x", 3, c)
    r = g.op("ReduceMean", "reduce", [g.op("Relu", "front", [x])], axes=[2, 3], keepdims=1)
    return g.model("x", [1, 3, h, w], conv(g, "post", r, c, c, k=1), OPSET), {}


def case_mapflat(c: int, h: int, w: int, op: str = "Flatten", lin: str = "Gemm") -> tuple[Any, dict[str, Any]]:
    """Conv -> Relu -> a [1, C, H, W] map flattened to [1, C * H * W] (`op` Flatten(axis=1) or Reshape [1, -1]) -> a
    Linear of 64 outputs (`lin` Gemm or MatMul + Add) -> Relu: does the toolkit hand the map to the Linear through a
    CPU Reshape ('Reshape:<flat>_tp_rs'), by the map's H and W? (ArcFace's BN -> Flatten [1, 512, 7, 7] -> FC,
    Ultra-Fast-Lane-Detection's [1, 8, 9, 25] -> Linear 1800)"""
    g = G(c * h * w + 3)
    x = g.op("Relu", "front", [conv(g, "pre", "x", 3, c)])
    f = g.op("Flatten", "flat", [x], axis=1) if op == "Flatten" else g.op("Reshape", "flat", [x, g.ints(1, -1)])
    if lin == "Gemm":
        y = g.op("Gemm", "fc", [f, g.w(64, c * h * w), g.w(64)], transB=1)
    else:
        y = g.op("Add", "fc_b", [g.op("MatMul", "fc", [f, g.w(c * h * w, 64)]), g.w(64)])
    return g.model("x", [1, 3, h, w], g.op("Relu", "post", [y]), OPSET), {}


def case_maptok(c: int, h: int, w: int, n: int = 64) -> tuple[Any, dict[str, Any]]:
    """SimCC's head: Conv -> a [1, K, H, W] map reshaped to K tokens of H * W [1, K, H * W] -> Linear (MatMul + Add,
    N outputs) -> LayerNormalization -> Linear (2 * W) -> the output. Does the toolkit put the Reshape (and a Transpose
    it adds) on the CPU, by K, H and W? (rtmpose-style SimCC [1, 17, 8, 6] -> 64: on the CPU on rk3566.)"""
    g = G(c * h * w + n)
    x = conv(g, "pre", "x", 3, c)
    t = g.op("Reshape", "tok", [x, g.ints(1, c, h * w)])
    t = g.op("Add", "fc_b", [g.op("MatMul", "fc", [t, g.w(h * w, n)]), g.w(n)])
    t = g.op("LayerNormalization", "ln", [t, g.w(n), g.w(n)], axis=-1, epsilon=1e-5)
    y = g.op("MatMul", "cls", [t, g.w(n, 2 * w)])
    return g.model("x", [1, 3, h, w], y, 17), {}


def case_nanohead(size: int, nc: int, reg: int = 8) -> tuple[Any, dict[str, Any]]:
    """NanoDet's GFL head: per level (strides 8, 16, 32 of a `size` px image) a 1x1 Conv of nc + 4 * reg channels ->
    Reshape [1, C, H * W] -> Concat over the anchors -> Transpose [1, A, C] -> Split [nc, 4 * reg] -> classes Sigmoid
    (an output) and the boxes' DFL: Reshape [1, A, 4, reg] -> Softmax -> MatMul by the bins [reg, 1] -> Reshape
    [1, A, 4] (an output). Which of its layout nodes does the toolkit run on the CPU, by the anchors and classes?"""
    g = G(size * 7 + nc)
    c = nc + 4 * reg
    x = conv(g, "stem", "x", 3, 16)
    parts = []
    for i, s in enumerate((8, 16, 32)):
        hw = size // s
        lv = g.op("AveragePool", f"pool{i}", [x], kernel_shape=[s, s], strides=[s, s])
        lv = g.op("Conv", f"head{i}", [lv, g.w(c, 16, 1, 1), g.w(c)], kernel_shape=[1, 1])
        parts.append(g.op("Reshape", f"flat{i}", [lv, g.ints(1, c, hw * hw)]))
    a = sum((size // s) ** 2 for s in (8, 16, 32))
    t = g.op("Concat", "cat", parts, axis=2)
    t = g.op("Transpose", "tp", [t], perm=[0, 2, 1])
    g.nodes.append(g.h.make_node("Split", [t, g.ints(nc, 4 * reg)], ["cls_y", "reg_y"], name="split", axis=-1))
    scores = g.op("Sigmoid", "scores", ["cls_y"])
    r = g.op("Reshape", "bins", ["reg_y", g.ints(1, a, 4, reg)])
    r = g.op("Softmax", "softmax", [r], axis=-1)
    r = g.op("MatMul", "proj", [r, g.const(np.arange(reg, dtype=np.float32).reshape(reg, 1))])
    y = g.op("Reshape", "dist", [r, g.ints(1, a, 4)])
    m = g.model("x", [1, 3, size, size], y, 16)
    import onnx

    m.graph.output.append(onnx.helper.make_tensor_value_info(scores, onnx.TensorProto.FLOAT, [1, a, nc]))
    return m, {}


def case_flattopk(c: int, h: int, w: int, k: int = 50) -> tuple[Any, dict[str, Any]]:
    """CenterNet's peak pick: Conv -> Sigmoid heat map [1, C, H, W] -> MaxPool 3x3 -> Equal -> Cast -> Mul by the
    heat -> Flatten [1, C * H * W] -> TopK k (values the output). Does the toolkit hand the map to the CPU TopK through
    a CPU Reshape named after the Flatten, by the map's size?"""
    from onnx import TensorProto

    g = G(c * h * w + k)
    heat = g.op("Sigmoid", "heat", [conv(g, "pre", "x", 3, c)])
    peak = g.op("MaxPool", "peak", [heat], kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    keep = g.op("Cast", "keep", [g.op("Equal", "eq", [peak, heat])], to=TensorProto.FLOAT)
    t = g.op("Flatten", "flat", [g.op("Mul", "nms", [heat, keep])], axis=1)
    g.nodes.append(g.h.make_node("TopK", [t, g.ints(k)], ["topk_y", "topk_i"], name="topk", axis=1))
    return g.model("x", [1, 3, h, w], "topk_y", 13), {}


def case_in2pad(length: int, mode: str = "reflect") -> tuple[Any, dict[str, Any]]:
    """x[1, L] -> Pad (64 each side of L) -> Unsqueeze to [1, 1, L + 128] -> Conv1d (258 filters of 256, stride 128)
    -> output: silero-vad's STFT front on its raw audio input."""
    g = G(length + (mode == "constant"))
    h = g.op("Pad", "pad", ["x", g.ints(0, 64, 0, 64)], mode=mode)
    h = g.op("Unsqueeze", "unsq", [h, g.ints(1)])
    y = g.op("Conv", "conv", [h, g.w(258, 1, 256)], kernel_shape=[256], strides=[128])
    return g.model("x", [1, length], y, opset=15), {}


def case_in3pad(length: int, p: int, mode: str = "reflect", front: bool = False, fc: int = 4, lift: str = ""
                ) -> tuple[Any, dict[str, Any]]:
    """A log-mel front end's centred STFT on a raw waveform as Whisper-style models export it (unseen set 9): x[1, 1,
    L] -> reflect Pad (p each side of L) -> Conv1d (2p taps, stride p) -> Relu -> 1x1 Conv1d: is the reflect Pad of
    a rank-3 input a CPU layer, and by L or p? `mode`: the Pad's mode; `front`: a 3-tap Conv1d (1 -> `fc` channels)
    and a Relu between the input and the Pad; `lift` ("Unsqueeze" or "Reshape"): the input is x[1, L], lifted to
    [1, 1, L] by that op before the Pad (silero-vad's STFT front, unseen set 12)."""
    g = G(length + p + (0 if (mode, front) == ("reflect", False) else 7 * len(mode) + 3 * front) + 11 * len(lift))
    h = "x"
    if lift == "Unsqueeze":
        h = g.op("Unsqueeze", "lift", [h, g.ints(1)])
    elif lift:
        h = g.op("Reshape", "lift", [h, g.ints(1, 1, length)])
    if front:
        h = g.op("Relu", "front_act", [g.op("Conv", "front", [h, g.w(fc, 1, 3)], kernel_shape=[3], pads=[1, 1])])
    h = g.op("Pad", "pad", [h, g.ints(0, 0, p, 0, 0, p)], mode=mode)
    h = g.op("Conv", "stft", [h, g.w(64, fc if front else 1, 2 * p)], kernel_shape=[2 * p], strides=[p])
    h = g.op("Relu", "mag", [h])
    y = g.op("Conv", "post", [h, g.w(32, 64, 1), g.w(32)], kernel_shape=[1])
    return g.model("x", [1, length] if lift else [1, 1, length], y, opset=17), {}


def case_maxs(rank: int, floor: str, c: int = 32, t: int = 64) -> tuple[Any, dict[str, Any]]:
    """A floor taken by Max between convolutions, as a log-mel front end clamps its log spectrum (Whisper: max(x,
    x.max() - 8)): Conv -> Relu map [1, C, T] (`rank` 3) or [1, C, T, T] (4) -> Max(map, floor) -> Conv; `floor`
    "computed": ReduceMax over everything (keepdims 0) - 8, a rank-0 tensor; "scalar": a constant rank-0 tensor;
    "channel": a constant [1, C, 1(, 1)]; "ones": a constant 0.5 of shape [1] * rank (a converted TF model's
    broadcast constant); "one1": 0.5 of shape [1]; "leaky": the same shape holding -0.4 behind a LeakyRelu (openWakeWord's embedding model:
    max(leaky_relu(x), -0.4)). Which floors keep the Max on the NPU?"""
    g = G(rank * 100 + c + t + len(floor))
    k = [3] * (rank - 2)
    h = g.op("Conv", "pre", ["x", g.w(c, 8, *k), g.w(c)], kernel_shape=k, pads=[1] * (2 * (rank - 2)))
    h = g.op("LeakyRelu", "act", [h], alpha=0.2) if floor == "leaky" else g.op("Relu", "act", [h])
    if floor == "computed":
        m = g.op("ReduceMax", "peak", [h], keepdims=0)
        f = g.op("Sub", "floor", [m, g.const(np.array(8.0, np.float32))])
    elif floor == "scalar":
        f = g.const(np.array(0.5, np.float32))
    elif floor == "one1":
        f = g.const(np.full((1,), 0.5, np.float32))
    elif floor in ("ones", "leaky"):
        f = g.const(np.full((1,) * rank, 0.5 if floor == "ones" else -0.4, np.float32))
    else:
        f = g.const(g.rng.normal(0, 0.2, size=(1, c) + (1,) * (rank - 2)).astype(np.float32))
    h = g.op("Max", "clamp", [h, f])
    y = g.op("Conv", "post", [h, g.w(c, c, *k), g.w(c)], kernel_shape=k, pads=[1] * (2 * (rank - 2)))
    return g.model("x", [1, 8] + [t] * (rank - 2), y, opset=17), {}


def case_seaaxial(h: int, w: int, heads: int = 4, dqk: int = 16, dv: int = 32) -> tuple[Any, dict[str, Any]]:
    """SeaFormer's squeeze-axial attention as torch.onnx's dynamo exporter writes it (unseen set 9, opset 18): a Conv
    map [1, 64, H, W] -> q, k (heads * dqk) and v (heads * dv) 1x1 Convs; per axis (rows: the mean over W, axis -1;
    columns: over H, axis -2; keepdims 0) q and k squeezed + a positional table [1, C, L] -> Reshape [1, h, d, L], q
    transposed -> q @ k -> Mul scale -> Softmax -> @ v^T (v squeezed, Reshape, Transpose(0, 1, 3, 2)) -> Transpose back
    -> Reshape [1, heads * dv, L] -> Unsqueeze to a row / column map -> 1x1 Conv; v + row + column -> 1x1 Conv."""
    g = G(h * 100 + w + heads + dqk + dv)
    x = g.op("Relu", "trunk", [conv(g, "pre", "x", 3, 64)])
    cqk, cv = heads * dqk, heads * dv
    q, k, v = (g.op("Conv", n, [x, g.w(c_, 64, 1, 1)], kernel_shape=[1, 1])
               for n, c_ in (("q", cqk), ("k", cqk), ("v", cv)))
    outs = []
    for axis, name, ln in ((-1, "row", h), (-2, "col", w)):
        ax = g.ints(axis)
        qs = g.op("Add", f"{name}_qpos", [g.op("ReduceMean", f"{name}_qmean", [q, ax], keepdims=0), g.w(1, cqk, ln)])
        ks = g.op("Add", f"{name}_kpos", [g.op("ReduceMean", f"{name}_kmean", [k, ax], keepdims=0), g.w(1, cqk, ln)])
        vs = g.op("ReduceMean", f"{name}_vmean", [v, ax], keepdims=0)
        qh = g.op("Transpose", f"{name}_qtp", [g.op("Reshape", f"{name}_qrs", [qs, g.ints(1, heads, dqk, ln)])],
                  perm=[0, 1, 3, 2])
        kh = g.op("Reshape", f"{name}_krs", [ks, g.ints(1, heads, dqk, ln)])
        vh = g.op("Transpose", f"{name}_vtp", [g.op("Reshape", f"{name}_vrs", [vs, g.ints(1, heads, dv, ln)])],
                  perm=[0, 1, 3, 2])
        a = g.op("Mul", f"{name}_scale", [g.op("MatMul", f"{name}_qk", [qh, kh]),
                                           g.const(np.array(dqk ** -0.5, np.float32))])
        o = g.op("MatMul", f"{name}_av", [g.op("Softmax", f"{name}_softmax", [a], axis=-1), vh])
        o = g.op("Reshape", f"{name}_ors", [g.op("Transpose", f"{name}_otp", [o], perm=[0, 1, 3, 2]),
                                            g.ints(1, cv, ln)])
        o = g.op("Unsqueeze", f"{name}_unsq", [o, ax])
        outs.append(g.op("Conv", f"{name}_proj", [o, g.w(cv, cv, 1, 1)], kernel_shape=[1, 1]))
    y = g.op("Add", "add_col", [g.op("Add", "add_row", [v, outs[0]]), outs[1]])
    y = g.op("Conv", "proj", [y, g.w(64, cv, 1, 1)], kernel_shape=[1, 1])
    return g.model("x", [1, 3, h, w], y, opset=18), {}


def case_tocpu(shape: list[int]) -> tuple[Any, dict[str, Any]]:
    """x -> Add -> Sigmoid -> Log -> Add -> output: does the NPU Sigmoid hand its output to the CPU Log through a
    CPU Reshape / Transpose?"""
    g = G(int(np.prod(shape)))
    h = g.op("Add", "front", ["x", g.const(np.array(0.5, np.float32))])
    h = g.op("Sigmoid", "sig", [h])
    h = g.op("Log", "log", [h])
    y = g.op("Add", "back", [h, g.const(np.array(0.5, np.float32))])
    return g.model("x", shape, y), {}


def case_bn1d(c: int, t: int, act: str = "hardswish") -> tuple[Any, dict[str, Any]]:
    """A Conv1d neck as Paddle2ONNX writes PP-OCRv6-tiny rec's (a 1 x T image): Conv -> Squeeze(2) -> BatchNormalization
    on the rank-3 [1, C, T] -> HardSwish (HardSigmoid * x) -> Unsqueeze(2) -> 1x1 Conv -> Squeeze -> BatchNormalization
    -> HardSwish -> Transpose(0, 2, 1) -> Linear -> Relu -> output: do the rank-3 BatchNorms and the Unsqueeze get a CPU
    layer? (`act` relu: the same with a Relu after each BatchNorm.)"""
    g = G(c * t + (act == "relu"))

    def bn(name: str, x: str) -> str:
        scale = g.const(g.rng.uniform(0.5, 1.5, c).astype(np.float32))
        var = g.const(g.rng.uniform(0.5, 1.5, c).astype(np.float32))
        return g.op("BatchNormalization", name, [x, scale, g.w(c), g.w(c), var])

    def activate(name: str, x: str) -> str:
        if act == "relu":
            return g.op("Relu", name, [x])
        return g.op("Mul", name, [g.op("HardSigmoid", name + "_hsig", [x], alpha=1 / 6), x])

    x = conv(g, "pre", "x", 3, c, k=1)
    x = g.op("Squeeze", "sq1", [x, g.ints(2)])
    x = activate("act1", bn("bn1", x))
    x = g.op("Unsqueeze", "unsq", [x, g.ints(2)])
    x = conv(g, "mid", x, c, c, k=1)
    x = g.op("Squeeze", "sq2", [x, g.ints(2)])
    x = activate("act2", bn("bn2", x))
    x = g.op("Transpose", "rows", [x], perm=[0, 2, 1])
    x = g.op("MatMul", "fc", [x, g.w(c, 64)])
    x = g.op("Add", "fc_add", [x, g.w(64)])
    y = g.op("Relu", "tail", [x])
    return g.model("x", [1, 3, 1, t], y), {"act": act}


def case_pool3(t: int, d: int, keepdims: int = 0, op: str = "ReduceSum") -> tuple[Any, dict[str, Any]]:
    """A sequence encoder's pooled summary as torch.onnx writes translit-encoder's (a GRU seq2seq): x[1, T, D] -> Add
    -> Mul by a gate -> ReduceSum over the tokens (axis 1, keepdims 0) -> [1, D] -> Div by a constant -> Gemm -> Tanh
    -> Unsqueeze(1) -> Expand to [1, 2, D] (the decoder's initial state) -> output: does the Reduce, or the Unsqueeze
    of the rank-2 Linear output, get a CPU layer?"""
    g = G(t * d + keepdims + (op != "ReduceSum"))
    h = g.op("Add", "front", ["x", g.w(d)])
    gate = g.op("Sigmoid", "gate", [g.op("Add", "gate_in", ["x", g.w(d)])])
    h = g.op("Mul", "masked", [h, gate])
    if op == "ReduceSum":
        r = g.op(op, "pool", [h, g.ints(1)], keepdims=keepdims)
    else:
        r = g.op(op, "pool", [h], axes=[1], keepdims=keepdims)
    if keepdims:
        r = g.op("Squeeze", "pool_sq", [r, g.ints(1)])
    r = g.op("Div", "mean", [r, g.const(np.array([[float(t)]], np.float32))])
    h = g.op("Gemm", "bridge", [r, g.w(d, d), g.w(d)], transB=1)
    h = g.op("Tanh", "bridge_act", [h])
    h = g.op("Unsqueeze", "state", [h, g.ints(1)])
    y = g.op("Expand", "states", [h, g.ints(1, 2, d)])
    return g.model("x", [1, t, d], y), {}


def case_div2(t: int, d: int, divisor: str) -> tuple[Any, dict[str, Any]]:
    """A masked mean over the tokens as translit-encoder (a GRU seq2seq) writes it: x[1, T, D] -> Add -> Mul by a
    gate [1, T, 1] -> ReduceSum over the tokens (keepdims 0) -> [1, D] -> Div -> Gemm -> Tanh -> output. `divisor`
    `count`: the gate's own ReduceSum [1, 1] clipped at 1 (the number of unmasked tokens, computed); `same`: a
    computed [1, D] (Sigmoid of a Linear of the sum); `const`: the constant [[T]]. Is a rank-2 Div by a computed
    divisor on the CPU as the rank-3 / rank-4 ones of the `div` case were in int8?"""
    g = G(t * d + len(divisor))
    h = g.op("Add", "front", ["x", g.w(d)])
    gate = g.op("Sigmoid", "gate", [g.op("MatMul", "gate_in", ["x", g.w(d, 1)])])
    r = g.op("ReduceSum", "pool", [g.op("Mul", "masked", [h, gate]), g.ints(1)], keepdims=0)
    if divisor == "count":
        den = g.op("ReduceSum", "count", [gate, g.ints(1)], keepdims=0)
        den = g.op("Clip", "count_min", [den, g.const(np.array(1.0, np.float32))])
    elif divisor == "same":
        den = g.op("Sigmoid", "den_sig", [g.op("Gemm", "den_fc", [r, g.w(d, d), g.w(d)], transB=1)])
        den = g.op("Add", "den_eps", [den, g.const(np.array(1.0, np.float32))])
    else:
        den = g.const(np.array([[float(t)]], np.float32))
    h = g.op("Div", "mean", [r, den])
    h = g.op("Gemm", "bridge", [h, g.w(d, d), g.w(d)], transB=1)
    y = g.op("Tanh", "bridge_act", [h])
    return g.model("x", [1, t, d], y), {"divisor": divisor}


def case_melspec(frames: int, bins: int, mel: int) -> tuple[Any, dict[str, Any]]:
    """A log-mel front end as openWakeWord's melspectrogram exports it: x[1, 1, L] -> two strided Conv1d (the STFT's
    real and imaginary filters, 512 taps, hop 160) -> Unsqueeze(1) -> Transpose(0, 1, 3, 2) to [1, 1, frames, bins] ->
    Pow 2 each -> Add -> MatMul with the mel filterbank [bins, mel] -> Clip -> Log (a CPU op) -> Mul -> output: which
    of the Transposes, the Add and the MatMul get a CPU layer?"""
    g = G(frames * bins + mel)
    length = 512 + 160 * (frames - 1)
    parts = []
    for part in ("real", "imag"):
        h = g.op("Conv", f"stft_{part}", ["x", g.w(bins, 1, 512)], kernel_shape=[512], strides=[160])
        h = g.op("Unsqueeze", f"unsq_{part}", [h, g.ints(1)])
        h = g.op("Transpose", f"tp_{part}", [h], perm=[0, 1, 3, 2])
        parts.append(g.op("Pow", f"pow_{part}", [h, g.const(np.array(2.0, np.float32))]))
    h = g.op("Add", "power", parts)
    h = g.op("MatMul", "mel", [h, g.const(np.abs(g.rng.normal(0, 0.2, (bins, mel))).astype(np.float32))])
    h = g.op("Clip", "floor", [h, g.const(np.array(1e-10, np.float32)), g.const(np.array(1e10, np.float32))])
    h = g.op("Log", "log", [h])
    y = g.op("Mul", "db", [h, g.const(np.array(4.3429448, np.float32))])
    return g.model("x", [1, 1, length], y), {}


def case_avgpool(c: int, hw: int, k: int, s: int, p: int, cip: int) -> tuple[Any, dict[str, Any]]:
    """Conv -> AveragePool(k, stride s, pads p, count_include_pad cip) -> 1x1 Conv: an Inception branch's pool. The
    probe (float16) put the padded pool that leaves the pads out of the mean (k3_s1_p1) on the CPU on every family;
    does an int8 build too?"""
    g = G(c * hw + 31 * k + s + p + cip)
    x = conv(g, "pre", "x", 3, c)
    h = g.op("AveragePool", "pool", [x], kernel_shape=[k, k], strides=[s, s], pads=[p] * 4, count_include_pad=cip)
    return g.model("x", [1, 3, hw, hw], conv(g, "post", h, c, c, k=1)), {}


def case_nhwc_rms(c: int, hw: int, form: str, blocks: int = 1) -> tuple[Any, dict[str, Any]]:
    """A channels-last normalisation between convolutions (ConvNeXt with its norm written out): depthwise Conv ->
    Transpose(0, 2, 3, 1) -> the norm over the last axis -> Transpose(0, 3, 1, 2) -> 1x1 Conv, `blocks` times.
    `form`: "ln", the LayerNorm the toolkit fuses (ReduceMean -> Sub -> Pow -> ReduceMean -> Add -> Sqrt -> Div ->
    Mul -> Add: torchvision ConvNeXt); "var", timm's RmsNorm2d-style var form as torch dynamo writes it (mean, Sub,
    Mul, ReduceMean keepdims 0 -> Mul -> Div -> Reshape back -> Add eps -> Sqrt -> Reciprocal -> Mul by x -> Mul by
    the weight: ConvNeXt-RMS); "varkd1", the same kept rank 4 (keepdims 1, no Reshape, no Mul / Div by C); "mv", that
    normalising the centred x (x - mean) / sqrt(var + eps) with a Reciprocal (the toolkit fuses only the Div form); "rms", Pow 2 -> ReduceMean -> Add -> Sqrt -> Reciprocal -> Mul by x -> Mul by the
    weight (an RMSNorm the toolkit does not fuse); "mean", x - mean(x) (ReduceMean -> Sub) alone. Does the toolkit
    lower the unfused ReduceMean over the last axis through CPU Reshapes, and put the Transposes on the CPU?"""
    g = G(c * hw + len(form) + blocks)
    x = conv(g, "pre", "x", 3, c)
    for b in range(blocks):
        p = f"b{b}_"
        d = g.op("Conv", p + "dw", [x, g.w(c, 1, 7, 7), g.w(c)], kernel_shape=[7, 7], pads=[3] * 4, group=c)
        t = g.op("Transpose", p + "tin", [d], perm=[0, 2, 3, 1])
        ax = g.ints(3 if form == "var" else -1)
        if form == "ln":
            m = g.op("ReduceMean", p + "mean", [t, ax], keepdims=1)
            s = g.op("Sub", p + "sub", [t, m])
            q = g.op("Pow", p + "pow", [s, g.const(np.array(2.0, np.float32))])
            v = g.op("ReduceMean", p + "var", [q, ax], keepdims=1)
            r = g.op("Sqrt", p + "sqrt", [g.op("Add", p + "eps", [v, g.const(np.array(1e-6, np.float32))])])
            n = g.op("Div", p + "div", [s, r])
            y = g.op("Add", p + "beta", [g.op("Mul", p + "gamma", [n, g.w(c)]), g.w(c)])
        elif form == "var":
            m = g.op("ReduceMean", p + "mean", [t, ax], keepdims=1)
            s = g.op("Sub", p + "sub", [t, m])
            q = g.op("Mul", p + "sq", [s, s])
            v = g.op("ReduceMean", p + "var", [q, ax], keepdims=0)
            v = g.op("Div", p + "corr", [g.op("Mul", p + "n", [v, g.const(np.array(float(c), np.float32))]),
                                         g.const(np.array(float(c), np.float32))])
            v = g.op("Reshape", p + "back", [v, g.ints(1, hw, hw, 1)])
            r = g.op("Sqrt", p + "sqrt", [g.op("Add", p + "eps", [v, g.const(np.array(1e-6, np.float32))])])
            n = g.op("Mul", p + "norm", [t, g.op("Reciprocal", p + "rsqrt", [r])])
            y = g.op("Mul", p + "gamma", [n, g.w(c)])
        elif form in ("mv", "varkd1"):
            m = g.op("ReduceMean", p + "mean", [t, ax], keepdims=1)
            s = g.op("Sub", p + "sub", [t, m])
            q = g.op("Mul", p + "sq", [s, s])
            v = g.op("ReduceMean", p + "var", [q, ax], keepdims=1)
            r = g.op("Sqrt", p + "sqrt", [g.op("Add", p + "eps", [v, g.const(np.array(1e-6, np.float32))])])
            n = g.op("Mul", p + "norm", [s if form == "mv" else t, g.op("Reciprocal", p + "rsqrt", [r])])
            y = g.op("Mul", p + "gamma", [n, g.w(c)])
        elif form == "rms":
            q = g.op("Pow", p + "pow", [t, g.const(np.array(2.0, np.float32))])
            v = g.op("ReduceMean", p + "var", [q, ax], keepdims=1)
            r = g.op("Sqrt", p + "sqrt", [g.op("Add", p + "eps", [v, g.const(np.array(1e-6, np.float32))])])
            n = g.op("Mul", p + "norm", [t, g.op("Reciprocal", p + "rsqrt", [r])])
            y = g.op("Mul", p + "gamma", [n, g.w(c)])
        else:
            y = g.op("Sub", p + "sub", [t, g.op("ReduceMean", p + "mean", [t, ax], keepdims=1)])
        o = g.op("Transpose", p + "tout", [y], perm=[0, 3, 1, 2])
        x = g.op("Add", p + "res", [g.op("Conv", p + "pw", [o, g.w(c, c, 1, 1), g.w(c)], kernel_shape=[1, 1]), x])
    return g.model("x", [1, 3, hw, hw], conv(g, "post", x, c, c, k=1), 18), {}


def case_rmsc(c: int, hw: int, form: str) -> tuple[Any, dict[str, Any]]:
    """An RMSNorm over the channels of an NCHW map (timm's RmsNorm2d in MobileNetV5, as TorchScript writes it):
    Conv -> Pow 2 -> ReduceMean(axes [1], keepdims 1) -> Add eps -> Sqrt -> `form` -> Mul by the weight [C, 1, 1] ->
    1x1 Conv. `form`: "div1", Div(1, .) then Mul by x (MobileNetV5); "recip", Reciprocal then Mul by x; "div", x
    divided by the root. "gate": no norm, x times a computed one-channel map (Sigmoid of a 1x1 Conv to one channel,
    a spatial attention gate) as the control of the Mul that spreads a [1, 1, H, W] map over the channels. "last3":
    the "div1" norm over the last axis of [1, T, C] tokens between MatMuls (the form the toolkit fuses, unseen set
    7's decoder), c tokens of hw features. "head4": a per-head RMSNorm over the last axis as torch dynamo writes a
    ViT's q / k norm (Sapiens2, ViT-dpwee's differential attention; unseen set 11): c tokens of hw features -> MatMul
    -> Reshape [1, c, h, hw / h] -> Transpose(0, 2, 1, 3) -> Pow 2 -> ReduceMean(-1) -> Add eps -> Sqrt ->
    Reciprocal -> Mul by the heads -> Mul by the weight [hw / h] -> Transpose back -> Reshape [1, c, hw] -> MatMul, h =
    hw / 64. Is the norm fused into one exNorm layer over the channels too, and if not, which of its nodes run on the
    CPU?"""
    g = G(c * hw + len(form))
    heads = max(hw // 64, 1)
    if form == "last3":
        x = g.op("MatMul", "pre", ["x", g.w(hw, hw)])
    elif form == "head4":
        t = g.op("Reshape", "heads_rs", [g.op("MatMul", "pre", ["x", g.w(hw, hw)]), g.ints(1, c, heads, hw // heads)])
        x = g.op("Transpose", "heads_tp", [t], perm=[0, 2, 1, 3])
    else:
        x = conv(g, "pre", "x", 3, c)
    if form == "gate":
        gate = g.op("Sigmoid", "gsig", [g.op("Conv", "gconv", [x, g.w(1, c, 1, 1), g.w(1)], kernel_shape=[1, 1])])
        y = g.op("Mul", "mul", [x, gate])
    else:
        q = g.op("Pow", "pow", [x, g.const(np.array(2.0, np.float32))])
        v = g.op("ReduceMean", "mean", [q], axes=[-1 if form in ("last3", "head4") else 1], keepdims=1)
        r = g.op("Sqrt", "sqrt", [g.op("Add", "eps", [v, g.const(np.array(1e-6, np.float32))])])
        if form == "div":
            n = g.op("Div", "div", [x, r])
        else:
            inv = (g.op("Reciprocal", "recip", [r]) if form in ("recip", "head4")
                   else g.op("Div", "div", [g.const(np.array(1.0, np.float32)), r]))
            n = g.op("Mul", "mul", [x, inv])
        wshape = (hw,) if form == "last3" else (hw // heads,) if form == "head4" else (c, 1, 1)
        y = g.op("Mul", "gamma", [n, g.const(1 + g.rng.normal(0, 0.1, wshape).astype(np.float32))])
    if form == "head4":
        y = g.op("Reshape", "back_rs", [g.op("Transpose", "back_tp", [y], perm=[0, 2, 1, 3]), g.ints(1, c, hw)])
    if form in ("last3", "head4"):
        return g.model("x", [1, c, hw], g.op("MatMul", "post", [y, g.w(hw, hw)])), {}
    return g.model("x", [1, 3, hw, hw], conv(g, "post", y, c, c, k=1)), {}


def case_roll(hw: int, c: int, layout: str, shift: int = 3, tail: str = "tokens", shaped: bool = False,
              res: bool = False) -> tuple[Any, dict[str, Any]]:
    """Swin's cyclic shift (torch.roll of a map by `shift` over H and W, which the exporters write as two Slices and
    a Concat per axis: Swin-V2-CR, unseen set 9). `layout` nhwc: [1, H * W, C] tokens (behind an Add) -> Reshape
    [1, H, W, C] -> roll over axes 1 and 2 -> `tail` -> Linear, as timm writes it; nchw: a Conv map rolled over
    axes 2 and 3 between Convs; cat: the control, two Conv maps concatenated over the channels. `tail` tokens: the
    Reshape back to [1, H * W, C]; ln: a LayerNormalization over C first (Swin-V2-CR's reverse shift); pad: a Pad of
    zero pads first (its forward shift, H divisible by the window); part: the 7 x 7 window partition (Reshape to
    rank 6, Transpose(0, 1, 3, 2, 4, 5), Reshape [-1, 49, C]). `shaped`: the Reshape to the map takes its batch from
    Shape of the tokens (Concat of Shape -> Slice and the constant H, W, C), as timm's export with a dynamic batch.
    `res`: the tokens are a residual Add of the input and a Linear of it (a block's output), not the input plus a
    bias. `tail` block / block_nores: Swin-V2-CR's whole shifted block (_roll_block), with and without the residual
    Add that reads the map a second time. Which of the Concats run on the CPU?"""
    g = G(hw * c + len(layout))

    def roll(x: str, axis: int, n: int, p: str, by: int = shift) -> str:
        k = (n - by) % n  # x[k:] then x[:k]: a shift right by `shift` (left where negative, Swin's forward shift)
        head = g.op("Slice", p + "_tail", [x, g.ints(k), g.ints(n), g.ints(axis)])
        rest = g.op("Slice", p + "_head", [x, g.ints(0), g.ints(k), g.ints(axis)])
        return g.op("Concat", p, [head, rest], axis=axis)

    if layout == "nhwc":
        t = g.op("Add", "front", ["x", g.op("MatMul", "mlp", ["x", g.w(c, c)]) if res else g.w(c)])
        dims = g.ints(1, hw, hw, c)
        if shaped:
            batch = g.op("Slice", "batch", [g.op("Shape", "shape", [t]), g.ints(0), g.ints(1), g.ints(0)])
            dims = g.op("Concat", "dims", [batch, g.ints(hw, hw, c)], axis=0)
        m = g.op("Reshape", "map", [t, dims])
        if tail in ("block", "block_nores"):
            return _roll_block(g, roll, t, m, hw, c, tail == "block")
        m = roll(roll(m, 1, hw, "roll_h"), 2, hw, "roll_w")
        if tail == "ln":
            m = g.op("LayerNormalization", "norm", [m, g.const(np.ones(c, np.float32)), g.w(c)], axis=-1,
                     epsilon=1e-5)
        elif tail == "pad":
            m = g.op("Pad", "pad", [m, g.ints(0, 0, 0, 0, 0, 0, 0, 0)])
        if tail == "part":
            ws = 7
            m = g.op("Reshape", "win", [m, g.ints(1, hw // ws, ws, hw // ws, ws, c)])
            m = g.op("Transpose", "win_tp", [m], perm=[0, 1, 3, 2, 4, 5])
            t = g.op("Reshape", "win_tokens", [m, g.ints(-1, ws * ws, c)])
        else:
            t = g.op("Reshape", "tokens", [m, g.ints(1, hw * hw, c)])
        y = g.op("MatMul", "proj", [t, g.w(c, c)])
        return g.model("x", [1, hw * hw, c], y, opset=17 if tail == "ln" else OPSET), {}
    x = conv(g, "pre", "x", 3, c)
    if layout == "cat":
        m = g.op("Concat", "cat", [x, conv(g, "side", x, c, c)], axis=1)
        return g.model("x", [1, 3, hw, hw], conv(g, "post", m, 2 * c, c, k=1)), {}
    m = roll(roll(x, 2, hw, "roll_h"), 3, hw, "roll_w")
    return g.model("x", [1, 3, hw, hw], conv(g, "post", m, c, c, k=1)), {}
def _roll_block(g: G, roll, t: str, m: str, hw: int, c: int, res: bool) -> tuple[Any, dict[str, Any]]:
    """Swin-V2-CR's shifted block around the two rolls: the map rolled by -3 (`roll_h`, `roll_w`) -> zero Pad ->
    7 x 7 window partition -> a Linear on the windows' tokens (the attention's stand-in) -> window reverse ->
    rolled back by +3 (`unroll_h`, `unroll_w`) -> LayerNormalization over C -> with `res` the residual Add of the
    unrolled map (the map read twice), else straight on -> Reshape to tokens -> Linear."""
    ws, n = 7, hw // 7
    x = roll(roll(m, 1, hw, "roll_h"), 2, hw, "roll_w")
    x = g.op("Pad", "pad", [x, g.ints(0, 0, 0, 0, 0, 0, 0, 0)])
    x = g.op("Reshape", "win", [x, g.ints(1, n, ws, n, ws, c)])
    x = g.op("Transpose", "win_tp", [x], perm=[0, 1, 3, 2, 4, 5])
    x = g.op("MatMul", "attn", [g.op("Reshape", "win_tokens", [x, g.ints(-1, ws * ws, c)]), g.w(c, c)])
    x = g.op("Reshape", "unwin", [x, g.ints(1, n, n, ws, ws, c)])
    x = g.op("Transpose", "unwin_tp", [x], perm=[0, 1, 3, 2, 4, 5])
    x = g.op("Reshape", "unwin_map", [x, g.ints(1, hw, hw, c)])
    shift = 3
    x = roll(roll(x, 1, hw, "unroll_h", -shift), 2, hw, "unroll_w", -shift)
    x = g.op("LayerNormalization", "norm", [x, g.const(np.ones(c, np.float32)), g.w(c)], axis=-1, epsilon=1e-5)
    if res:
        x = g.op("Add", "res", [m, x])
    y = g.op("MatMul", "proj", [g.op("Reshape", "tokens", [x, g.ints(1, hw * hw, c)]), g.w(c, c)])
    return g.model("x", [1, hw * hw, c], y, opset=17), {}


def case_duoln(n: int, c: int, same: bool = True, shared: bool = False) -> tuple[Any, dict[str, Any]]:
    """Two LayerNorms written out (ReduceMean -> Sub -> Pow -> ReduceMean -> Add eps -> Sqrt -> Div -> Mul gamma ->
    Add beta, each its own gamma and beta) over the same [1, N, C] tokens, each into a Linear, the two summed (timm's
    parallel ViT blocks, vit_small_patch16_18x2: attns.0 and attns.1 each norm the block's input). `same` False: the
    second norm reads the first Linear's output instead (the control: two norms of two tensors). `shared`: both norms
    take the same gamma and beta (one initializer each, the second read through an Identity, as torch.onnx writes a
    randomly initialised timm model's all-ones / all-zeros LayerNorm weights). How many CPU exNorm layers does the
    toolkit make?"""
    g = G(n * c + 17 * same + 5 * shared)
    x = g.op("Add", "front", ["x", g.w(c)])
    gamma, beta = (g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)), g.w(c)) if shared else ("", "")

    def ln(p: str, t: str) -> str:
        mu = g.op("ReduceMean", f"{p}_mean", [t], axes=[-1])
        d = g.op("Sub", f"{p}_sub", [t, mu])
        var = g.op("ReduceMean", f"{p}_var", [g.op("Pow", f"{p}_pow", [d, g.const(np.array(2.0, np.float32))])],
                   axes=[-1])
        sd = g.op("Sqrt", f"{p}_sqrt", [g.op("Add", f"{p}_eps", [var, g.const(np.array(1e-6, np.float32))])])
        ga, be = ((g.op("Identity", f"{p}_gamma_id", [gamma]), g.op("Identity", f"{p}_beta_id", [beta]))
                  if shared and p == "norm_b" else (gamma, beta) if shared
                  else (g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)), g.w(c)))
        y = g.op("Mul", f"{p}_gamma", [g.op("Div", f"{p}_div", [d, sd]), ga])
        return g.op("Add", f"{p}_beta", [y, be])

    a = g.op("MatMul", "fc_a", [ln("norm_a", x), g.w(c, c)])
    b = g.op("MatMul", "fc_b", [ln("norm_b", x if same else a), g.w(c, c)])
    y = g.op("Add", "sum", [g.op("Add", "res", [x, a]), b])
    return g.model("x", [1, n, c], g.op("MatMul", "out", [y, g.w(c, c)]), 13), {}


def case_mdta(hw: int, c: int, heads: int = 1, norm: bool = True) -> tuple[Any, dict[str, Any]]:
    """Restormer's transposed (channel) attention as TorchScript writes it: 1x1 Conv to q, k, v -> Slices of the
    channels -> Reshape [1, h, C / h, H * W] each -> q and k L2-normalised over H * W (ReduceL2 -> Clip -> Div; `norm`
    False: not) -> q @ k^T [1, h, C / h, C / h] -> Mul by a temperature -> Softmax -> @ v -> Reshape [1, C, H, W] ->
    1x1 Conv. rknn-toolkit2 2.3.2 crashed on rv1106 int8 building unseen set 10's Restormer at 128 x 128 (SIGSEGV,
    'REGTASK: The bit width of field value exceeds the limit ... limit: 0x1fff, value: 0x3fff'): does the map size
    H * W past 8191 decide it, and does the norm?"""
    g = G(hw * c + heads + 5 * norm)
    x = conv(g, "pre", "x", 3, c)
    qkv = g.op("Conv", "qkv", [x, g.w(3 * c, c, 1, 1)])
    parts = []
    for i, p_ in enumerate("qkv"):
        t = g.op("Slice", f"take_{p_}", [qkv, g.ints(i * c), g.ints((i + 1) * c), g.ints(1)])
        t = g.op("Reshape", f"{p_}_rs", [t, g.ints(1, heads, c // heads, hw * hw)])
        if norm and p_ != "v":
            t = g.op("Div", f"{p_}_l2", [t, g.op("Clip", f"{p_}_clip", [
                g.op("ReduceL2", f"{p_}_norm", [t], axes=[-1], keepdims=1), g.const(np.array(1e-12, np.float32))])])
        parts.append(t)
    q, k, v = parts
    a = g.op("MatMul", "qk", [q, g.op("Transpose", "k_tp", [k], perm=[0, 1, 3, 2])])
    a = g.op("Softmax", "softmax", [g.op("Mul", "temp", [a, g.const(np.ones((1, heads, 1, 1), np.float32))])], axis=-1)
    o = g.op("Reshape", "o_rs", [g.op("MatMul", "av", [a, v]), g.ints(1, c, hw, hw)])
    return g.model("x", [1, 3, hw, hw], g.op("Conv", "proj", [o, g.w(c, c, 1, 1)]), 13), {}


def case_chpool(c: int, h: int, w: int, form: str) -> tuple[Any, dict[str, Any]]:
    """A spatial attention over the channel statistics (CBAM's, PP-LiteSeg's UAFM): Conv -> ReduceMean over the
    channels (axes [1], keepdims) and, with `form` "meanmax", ReduceMax too -> Concat -> 7x7 Conv to one map ->
    Sigmoid -> Mul with x -> 1x1 Conv; "meaneps" the mean alone with an Add of a constant behind it, "powmean" of
    x ** 2 (the two ends of a written-out RMSNorm's mean). Does the channel mean get a CPU layer, by map size?"""
    g = G(c * h * w + len(form))
    x = conv(g, "pre", "x", 3, c)
    src = g.op("Pow", "sq", [x, g.const(np.array(2.0, np.float32))]) if form == "powmean" else x
    stats = [g.op("ReduceMean", "chmean", [src], axes=[1], keepdims=1)]
    if form == "meaneps":
        stats = [g.op("Add", "eps", [stats[0], g.const(np.array(1e-6, np.float32))])]
    if form == "meanmax":
        stats.append(g.op("ReduceMax", "chmax", [x], axes=[1], keepdims=1))
    s = g.op("Concat", "stats", stats, axis=1) if len(stats) > 1 else stats[0]
    a = g.op("Sigmoid", "gate", [conv(g, "att", s, len(stats), 1, k=7)])
    y = g.op("Mul", "apply", [x, a])
    return g.model("x", [1, 3, h, w], conv(g, "post", y, c, c, k=1), 11), {}


def case_axmean(c: int, hw: int, axis: int, form: str) -> tuple[Any, dict[str, Any]]:
    """The mean over one side of a [1, C, H, W] Conv map (axes [axis], -1: W or -2: H), as squeeze-axial attention
    (SeaFormer) and coordinate attention write it: `form` "ca", keepdims -> 1x1 Conv -> Sigmoid -> Mul with x;
    "seq", keepdims 0 ([1, C, L]) -> Reshape [1, C, L, 1] -> 1x1 Conv -> Sigmoid -> Mul ("seqadd": with an Add of
    a positional embedding [1, C, L] before the Reshape, SeaFormer's); "heads", keepdims 0 ->
    Reshape [1, 4, C / 4, L] into an attention over the L positions (Transpose, MatMul, Softmax, MatMul, Transpose,
    Reshape back) -> Mul. Which of the mean, its producer's output and the Reshapes get a CPU layer?"""
    g = G(c * hw + 13 * axis + len(form))
    x = conv(g, "pre", "x", 3, c)
    m = g.op("ReduceMean", "axmean", [x], axes=[axis], keepdims=1 if form == "ca" else 0)
    side = [1, c, hw, 1] if axis % 4 == 3 else [1, c, 1, hw]
    if form == "ca":
        a = m
    elif form in ("seq", "seqadd"):
        if form == "seqadd":  # SeaFormer adds a positional embedding [1, C, L] to the squeezed mean first
            m = g.op("Add", "pos", [m, g.w(1, c, hw)])
        a = g.op("Reshape", "seq_rs", [m, g.ints(*side)])
    else:
        q = g.op("Reshape", "heads_rs", [m, g.ints(1, 4, c // 4, hw)])
        qt = g.op("Transpose", "heads_tp", [q], perm=[0, 1, 3, 2])
        att = g.op("Softmax", "att_sm", [g.op("MatMul", "att_qk", [qt, q])], axis=-1)
        o = g.op("Transpose", "att_tp", [g.op("MatMul", "att_pv", [att, qt])], perm=[0, 1, 3, 2])
        a = g.op("Reshape", "att_rs", [o, g.ints(*side)])
    gate = g.op("Sigmoid", "gate", [g.op("Conv", "mix", [a, g.w(c, c, 1, 1), g.w(c)], kernel_shape=[1, 1])])
    y = g.op("Mul", "apply", [x, gate])
    return g.model("x", [1, 3, hw, hw], conv(g, "post", y, c, c, k=1)), {}


def case_coordatt_one(c: int, h: int, w: int, axis: int) -> tuple[Any, dict[str, Any]]:
    """One of coordinate attention's pools alone (ReduceMean [`axis`], keepdims, of a Conv map -> 1x1 Conv ->
    Sigmoid -> Mul x): whose lowering put the CPU Reshape on the op in front (2.3.x), where `coordatt`'s two means
    of one map leave it unattributed?"""
    g = G(c * h * w + axis)
    x = conv(g, "pre", "x", 3, c)
    m = g.op("ReduceMean", f"pool_{'h' if axis == 3 else 'w'}", [x], axes=[axis], keepdims=1)
    a = g.op("Sigmoid", "gate", [g.op("Conv", "mix", [m, g.w(c, c, 1, 1), g.w(c)], kernel_shape=[1, 1])])
    return g.model("x", [1, 3, h, w], conv(g, "post", g.op("Mul", "apply", [x, a]), c, c, k=1)), {}


def case_coordatt(c: int, h: int, w: int) -> tuple[Any, dict[str, Any]]:
    """Coordinate attention as a TorchScript export writes it (positive axes): a [1, C, H, W] Conv map -> ReduceMean
    [3] (keepdims, [1, C, H, 1]) and ReduceMean [2] ([1, C, 1, W]) -> Transpose (0, 1, 3, 2) -> Concat over H ->
    1x1 Conv -> Relu -> Slice the two halves -> 1x1 Convs (the W half Transposed back) -> Sigmoid -> Mul x by both
    gates. Which of the two means and their producer get the CPU Reshape / Transpose of their lowering, by size?"""
    g = G(c * h * w + 7)
    x = conv(g, "pre", "x", 3, c)
    mh = g.op("ReduceMean", "pool_h", [x], axes=[3], keepdims=1)
    mw = g.op("Transpose", "pool_w_tp", [g.op("ReduceMean", "pool_w", [x], axes=[2], keepdims=1)], perm=[0, 1, 3, 2])
    y = g.op("Concat", "pool_cat", [mh, mw], axis=2)
    mid = max(8, c // 16)
    y = g.op("Relu", "mix_act", [g.op("Conv", "mix", [y, g.w(mid, c, 1, 1), g.w(mid)], kernel_shape=[1, 1])])
    two, ax2 = g.ints(2), g.ints(2)
    yh = g.op("Slice", "split_h", [y, g.ints(0), g.ints(h), ax2])
    yw = g.op("Transpose", "split_w_tp", [g.op("Slice", "split_w", [y, g.ints(h), g.ints(h + w), two])],
              perm=[0, 1, 3, 2])
    ah = g.op("Sigmoid", "gate_h", [g.op("Conv", "conv_h", [yh, g.w(c, mid, 1, 1), g.w(c)], kernel_shape=[1, 1])])
    aw = g.op("Sigmoid", "gate_w", [g.op("Conv", "conv_w", [yw, g.w(c, mid, 1, 1), g.w(c)], kernel_shape=[1, 1])])
    y = g.op("Mul", "apply_w", [g.op("Mul", "apply_h", [x, ah]), aw])
    return g.model("x", [1, 3, h, w], conv(g, "post", y, c, c, k=1)), {}


def case_se1d(c: int, t: int, front: str) -> tuple[Any, dict[str, Any]]:
    """A squeeze-excite over the time of a Conv1d map [1, C, T], as ECAPA-TDNN's SE-Res2 blocks write it (unseen set
    5): Conv1d -> Relu (`front` "relu"; "pow": its square, an RMS over T) -> ReduceMean [2], keepdims -> Conv1d C / 8
    -> Relu -> Conv1d C -> Sigmoid -> Mul x -> Conv1d. Does the mean of a channel-first sequence take its lowering's
    CPU Reshape / Transpose as token RMS means [1, T, D] over D do or not, by version and size?"""
    g = G(c * t + len(front))

    def conv1(name: str, x: str, cin: int, cout: int) -> str:
        return g.op("Conv", name, [x, g.w(cout, cin, 1), g.w(cout)], kernel_shape=[1])

    x = g.op("Relu", "act", [conv1("pre", "x", 16, c)])
    v = g.op("Pow", "sq", [x, g.const(np.array(2.0, np.float32))]) if front == "pow" else x
    m = g.op("ReduceMean", "mean", [v], axes=[2], keepdims=1)
    a = g.op("Sigmoid", "gate", [conv1("se2", g.op("Relu", "se_act", [conv1("se1", m, c, max(8, c // 8))]),
                                       max(8, c // 8), c)])
    return g.model("x", [1, 16, t], conv1("post", g.op("Mul", "apply", [x, a]), c, c)), {}


def case_tokrms(t: int, d: int, axis: int, form: str) -> tuple[Any, dict[str, Any]]:
    """An RMSNorm over the features of a token sequence [1, T, D] between Linears, as torch dynamo writes a ViT's
    (DeepSeek, Qwen: Pow 2 -> ReduceMean over `axis` (2 or -1), keepdims -> Add eps -> Sqrt -> Reciprocal (`form`
    "recip", rsqrt) or Div(1, .) ("div1", the form the toolkit fuses) -> Mul by x -> Mul by the weight): which layers
    of the unfused form leave the NPU, and whose name do they take? `form` "wfirst": Div(1, .), the weight multiplied
    into x first, then by the reciprocal (a hand-written LLM decoder's RMSNorm, unseen set 11's llm_kv_cache_step)."""
    g = G(t * d + axis + len(form))
    x = g.op("MatMul", "fc1", ["x", g.w(d, d)])
    q = g.op("Pow", "pow", [x, g.const(np.array(2.0, np.float32))])
    v = g.op("ReduceMean", "mean", [q], axes=[axis], keepdims=1)
    r = g.op("Sqrt", "sqrt", [g.op("Add", "eps", [v, g.const(np.array(1e-6, np.float32))])])
    inv = g.op("Reciprocal", "rsqrt", [r]) if form == "recip" else \
        g.op("Div", "rsqrt", [g.const(np.array(1.0, np.float32)), r])
    w = g.const(g.rng.normal(1, 0.1, size=[d]).astype(np.float32))
    if form == "wfirst":
        n = g.op("Mul", "norm", [g.op("Mul", "gamma", [w, x]), inv])
        return g.model("x", [1, t, d], g.op("MatMul", "fc2", [n, g.w(d, d)])), {}
    n = g.op("Mul", "gamma", [g.op("Mul", "norm", [x, inv]), w])
    return g.model("x", [1, t, d], g.op("MatMul", "fc2", [n, g.w(d, d)])), {}


def case_nhwctok(c: int, h: int, w: int, tail: str) -> tuple[Any, dict[str, Any]]:
    """A ViT's patch embedding flattened channels-last, as torch dynamo writes timm's `permute(0, 2, 3, 1)` path
    (DeepSeek's, Sapiens2's): a 4 x 4 stride-4 patch Conv [1, C, H, W] -> Transpose(0, 2, 3, 1) -> Reshape
    [1, H * W, C] -> `tail`: "rms" an RMSNorm written out (Pow 2 -> ReduceMean -1 -> Add eps -> Sqrt -> Reciprocal ->
    Mul by x -> Mul by the weight) -> Linear; "cat" a class token Concat-ed in front -> LayerNormalization -> Linear;
    "ln" LayerNormalization -> Linear; "mm" the Linear itself. Does the toolkit run the Transpose and the Reshape on
    the CPU (unseen sets 9 and 11 on rk3566 2.3.2), by the map, the channels and what reads the tokens?"""
    g = G(c * h * w + len(tail))
    x = g.op("Conv", "patch", ["x", g.w(c, 3, 4, 4), g.w(c)], kernel_shape=[4, 4], strides=[4, 4])
    x = g.op("Reshape", "tok", [g.op("Transpose", "nhwc", [x], perm=[0, 2, 3, 1]), g.ints(1, h * w, c)])
    if tail == "rms":
        q = g.op("Pow", "pow", [x, g.const(np.array(2.0, np.float32))])
        v = g.op("ReduceMean", "mean", [q], axes=[-1], keepdims=1)
        r = g.op("Reciprocal", "rsqrt", [g.op("Sqrt", "sqrt", [g.op("Add", "eps", [v, g.const(np.array(1e-6, np.float32))])])])
        x = g.op("Mul", "gamma", [g.op("Mul", "norm", [x, r]), g.const(g.rng.normal(1, 0.1, size=[c]).astype(np.float32))])
    elif tail in ("cat", "ln"):
        if tail == "cat":
            x = g.op("Concat", "cls", [g.w(1, 1, c), x], axis=1)
        x = g.op("LayerNormalization", "norm", [x, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)), g.w(c)],
                 axis=-1, epsilon=1e-6)
    y = g.op("MatMul", "fc", [x, g.w(c, c)])
    return g.model("x", [1, 3, 4 * h, 4 * w], y, opset=17), {}


def case_headrms(h: int, t: int, d: int, axis: int, front: str) -> tuple[Any, dict[str, Any]]:
    """An RMSNorm over the head dim of attention heads [1, H, T, D] (Pow 2 -> ReduceMean over `axis`, 3 or -1, as
    torch dynamo writes it, keepdims -> Add eps -> Sqrt -> Reciprocal -> Mul by x -> Mul by the weight), then the heads
    merged back (Transpose 0213 -> Reshape [1, T, H * D]) into a Linear. `front` "heads": the norm on q's heads made by
    Linear (MatMul + bias Add) -> Reshape [1, T, H, D] -> Transpose 0213 (a qk-norm: Sapiens2, Qwen3); "attn": on the attention output
    softmax(q k^T) v (differential attention's sub-norm, ViT-dpwee). Does the toolkit's lowering of the mean (Reshape
    to [H * T, D, 1, 1] -> Conv -> Reshape back) leave the NPU, and whose name do its layers take?"""
    g = G(h * t * d + axis + len(front))
    c = h * d

    def heads(name: str) -> str:
        x = g.op("Add", f"{name}_bias", [g.op("MatMul", f"{name}_fc", ["x", g.w(c, c)]), g.w(c)])
        x = g.op("Reshape", f"{name}_rs", [x, g.ints(1, t, h, d)])
        return g.op("Transpose", f"{name}_tp", [x], perm=[0, 2, 1, 3])

    q = heads("q")
    if front == "attn":
        k, v = heads("k"), heads("v")
        kt = g.op("Transpose", "kt", [k], perm=[0, 1, 3, 2])
        att = g.op("Softmax", "att_sm", [g.op("MatMul", "att_qk", [q, kt])], axis=-1)
        q = g.op("MatMul", "att_pv", [att, v])
    sq = g.op("Pow", "pow", [q, g.const(np.array(2.0, np.float32))])
    m = g.op("ReduceMean", "mean", [sq], axes=[axis], keepdims=1)
    r = g.op("Sqrt", "sqrt", [g.op("Add", "eps", [m, g.const(np.array(1e-6, np.float32))])])
    n = g.op("Mul", "norm", [q, g.op("Reciprocal", "rsqrt", [r])])
    n = g.op("Mul", "gamma", [n, g.const(g.rng.normal(1, 0.1, size=[d]).astype(np.float32))])
    o = g.op("Reshape", "o_rs", [g.op("Transpose", "o_tp", [n], perm=[0, 2, 1, 3]), g.ints(1, t, c)])
    return g.model("x", [1, t, c], g.op("MatMul", "proj", [o, g.w(c, c)])), {}


def case_ibnorm(c: int, hw: int) -> tuple[Any, dict[str, Any]]:
    """MODNet's IBNorm: Conv -> Slice the first C / 2 channels -> BatchNormalization, Slice the rest ->
    InstanceNormalization -> Concat -> Relu -> Conv. Is the InstanceNorm's CPU layout named after the Slice in front
    (`slice4>inorm`, as after a Conv), and does the map size change that?"""
    g = G(c * hw + 5)
    x = conv(g, "pre", "x", 3, c)
    h = c // 2
    lo = g.op("Slice", "sl_bn", [x, g.ints(0), g.ints(h), g.ints(1)])
    hi = g.op("Slice", "sl_in", [x, g.ints(h), g.ints(c), g.ints(1)])
    lo = g.op("BatchNormalization", "bn", [lo, g.const(1 + g.rng.normal(0, 0.1, h).astype(np.float32)), g.w(h),
                                           g.w(h), g.const(np.abs(g.rng.normal(1, 0.1, h)).astype(np.float32))])
    hi = g.op("InstanceNormalization", "inorm", [hi, g.const(1 + g.rng.normal(0, 0.1, c - h).astype(np.float32)),
                                                 g.w(c - h)], epsilon=1e-5)
    y = g.op("Relu", "act", [g.op("Concat", "cat", [lo, hi], axis=1)])
    return g.model("x", [1, 3, hw, hw], conv(g, "post", y, c, c)), {}


def case_readout(side: int, c: int, cls: bool, branch: bool = False) -> tuple[Any, dict[str, Any]]:
    """A ViT's tokens read out as a map (DPT / Depth Anything on DINOv2, unseen set 8's DPT head): tokens [1, N, C]
    (a Linear from the input map's patches) -> Linear -> residual Add -> Slice the class token off (`cls`) ->
    Reshape [1, side, side, C] -> Transpose(0, 3, 1, 2) -> 1x1 Conv. Which of the Add, the Slice, the Reshape and the
    Transpose get a CPU layer, and whose name does it take? `branch`: the residual stream goes on past the read-out
    (a LayerNorm, a Linear and an Add more, into a second read-out), as the backbone's blocks read by DPT's head."""
    g = G(side * c + cls + 2 * branch)
    n = side * side + (1 if cls else 0)
    x = g.op("MatMul", "embed", ["x", g.w(c, c)])
    h = g.op("Add", "res", [x, g.op("MatMul", "fc", [x, g.w(c, c)])])
    outs = [h]
    if branch:
        ln = g.op("LayerNormalization", "ln", [h, g.const(np.ones(c, np.float32)), g.w(c)], axis=-1, epsilon=1e-6)
        outs.append(g.op("Add", "res2", [h, g.op("MatMul", "fc2", [ln, g.w(c, c)])]))
    maps = []
    for i, o in enumerate(outs):
        t = g.op("Slice", f"drop_cls{i}", [o, g.ints(1), g.ints(n), g.ints(1)]) if cls else o
        m = g.op("Transpose", f"to_map{i}", [g.op("Reshape", f"grid{i}", [t, g.ints(1, side, side, c)])],
                 perm=[0, 3, 1, 2])
        maps.append(g.op("Conv", f"proj{i}", [m, g.w(48, c, 1, 1), g.w(48)], kernel_shape=[1, 1]))
    y = maps[0] if len(maps) == 1 else g.op("Add", "fuse", maps)
    return g.model("x", [1, n, c], conv(g, "post", y, 48, 48), 17), {}


def case_scalenorm(k: int, c: int, clip: bool = True) -> tuple[Any, dict[str, Any]]:
    """ScaleNorm as mmpose's RTMPose / RTMCC head writes it on its K keypoint tokens [1, K, C]: Linear -> ReduceL2 over
    the last axis (keepdims) -> Mul by C ** -0.5 -> Clip(min eps) (`clip`) -> Div x by it -> Mul by g -> Linear. Not
    the x / max(||x||, eps) form the toolkit fuses (a Mul between the norm and the Clip): which layers leave the NPU?"""
    g = G(k * c + clip)
    x = g.op("MatMul", "fc1", ["x", g.w(c, c)])
    n = g.op("Mul", "scale", [g.op("ReduceL2", "l2", [x], axes=[-1], keepdims=1),
                              g.const(np.array(c ** -0.5, np.float32))])
    if clip:
        n = g.op("Clip", "clamp", [n, g.const(np.array(1e-5, np.float32))])
    y = g.op("Mul", "gain", [g.op("Div", "unit", [x, n]), g.const(np.array([1.2], np.float32))])
    return g.model("x", [1, k, c], g.op("MatMul", "fc2", [y, g.w(c, c)])), {}


def case_rms_cf(c: int, hw: int, form: str, axis: int) -> tuple[Any, dict[str, Any]]:
    """An RMSNorm of a [1, C, H, W] map written out between convolutions, as timm's RmsNorm2d exports it with
    TorchScript (MobileNetV5, unseen set 9): Conv -> Pow 2 -> ReduceMean over `axis` (1: the channels; -1: the last
    axis, the form the toolkit fuses over tokens) -> Add eps -> Sqrt -> `form` -> Mul by the weight -> 1x1 Conv.
    `form`: "div1", Div(1, .) -> Mul by x (timm's); "divx", x / Div(x, .); "recip", Reciprocal -> Mul by x. Is the
    block fused into one exNorm layer, and if not, which of its nodes run on the CPU?"""
    g = G(c * hw + len(form) + axis + 7)
    x = conv(g, "pre", "x", 3, c)
    q = g.op("Pow", "pow", [x, g.const(np.array(2.0, np.float32))])
    v = g.op("ReduceMean", "mean", [q], axes=[axis], keepdims=1)
    r = g.op("Sqrt", "sqrt", [g.op("Add", "eps", [v, g.const(np.array(1e-6, np.float32))])])
    if form == "div1":
        n = g.op("Mul", "norm", [x, g.op("Div", "rsqrt", [g.const(np.array(1.0, np.float32)), r])])
    elif form == "recip":
        n = g.op("Mul", "norm", [x, g.op("Reciprocal", "rsqrt", [r])])
    else:
        n = g.op("Div", "norm", [x, r])
    wshape = [1, c, 1, 1] if axis == 1 else [hw]
    y = g.op("Mul", "gamma", [n, g.const(g.rng.normal(1, 0.1, size=wshape).astype(np.float32))])
    return g.model("x", [1, 3, hw, hw], conv(g, "post", y, c, c, k=1), 13), {}



def case_lnout(n: int, c: int, tail: str = "out", ln: str = "op") -> tuple[Any, dict[str, Any]]:
    """A token encoder's last LayerNorm (Whisper's ln_post, HuBERT's last final_layer_norm: unseen set 15) on [1, N, C]
    behind a Linear and a residual Add: `tail` "out" hands it to the graph output, "linear" into a Linear first (the
    control), "both" to the output and a Linear. Does the toolkit run the LayerNorm on the CPU when it makes the output?
    `ln` "dec": the norm written out (ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add: Speech2Text's final
    layer_norm as torch.onnx writes it at opset 14, unseen set 20), which the toolkit fuses into one layer named after
    its first mean (`<mean>_2ln`): which node's name does the output's CPU layer carry?"""
    g = G(n * 7 + c + len(tail) + (ln == "dec"))
    x = g.op("MatMul", "embed", ["x", g.w(c, c)])
    h = g.op("Add", "res", [x, g.op("MatMul", "fc", [x, g.w(c, c)])])
    scale = g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32))
    y = (layer_norm_written(g, "ln", h, scale, g.w(c), 1e-5) if ln == "dec" else
         g.op("LayerNormalization", "ln", [h, scale, g.w(c)], axis=-1, epsilon=1e-5))
    if tail == "linear":
        y = g.op("MatMul", "head", [y, g.w(c, c)])
    m = g.model("x", [1, n, c], y, 17)
    if tail == "both":
        z = g.op("MatMul", "head", [y, g.w(c, c)])
        m = g.model("x", [1, n, c], z, 17)
        m.graph.output.append(g.h.make_tensor_value_info(y, 1, [1, n, c]))
    return m, {}


def case_readln(h: int, w: int, c: int, shared: bool) -> tuple[Any, dict[str, Any]]:
    """Depth Anything's read-out of a DINOv2 stage (unseen set 15): the stage's tokens [1, 1 + h * w, C] through a
    LayerNorm, the class token Sliced off, Reshape [1, h, w, C] -> Transpose(0, 3, 1, 2) -> 1x1 Conv. `shared`: the same
    LayerNorm also feeds the next block's q / k / v Linears (torch dynamo merges the backbone's output norm with the
    next block's norm1 when their weights are equal), as for every stage but the last; else the read-out alone reads it."""
    g = G(h * 31 + w + c + shared)
    n = h * w + 1
    x = g.op("MatMul", "embed", ["x", g.w(c, c)])
    res = g.op("Add", "res", [x, g.op("MatMul", "fc", [x, g.w(c, c)])])
    ln = g.op("LayerNormalization", "ln", [res, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)), g.w(c)],
              axis=-1, epsilon=1e-6)
    t = g.op("Slice", "drop_cls", [ln, g.ints(1), g.ints(n), g.ints(1)])
    mp = g.op("Transpose", "to_map", [g.op("Reshape", "grid", [t, g.ints(1, h, w, c)])], perm=[0, 3, 1, 2])
    y = g.op("Conv", "proj", [mp, g.w(48, c, 1, 1), g.w(48)], kernel_shape=[1, 1])
    y = g.op("Conv", "post", [y, g.w(48, 48, 1, 1), g.w(48)], kernel_shape=[1, 1])
    if not shared:
        return g.model("x", [1, n, c], y, 17), {}
    q, k, v = (g.op("MatMul", nm, [ln, g.w(c, c)]) for nm in ("q", "k", "v"))
    a = g.op("Softmax", "attn", [g.op("MatMul", "qk", [q, g.op("Transpose", "kt", [k], perm=[0, 2, 1])])], axis=-1)
    z = g.op("Add", "res2", [res, g.op("MatMul", "av", [a, v])])
    m = g.model("x", [1, n, c], y, 17)
    m.graph.output.append(g.h.make_tensor_value_info(z, 1, [1, n, c]))
    return m, {}


def case_unshuf(h: int, w: int, r: int, front: str) -> tuple[Any, dict[str, Any]]:
    """XFeat's input stem (unseen set 15): the image's channel mean (ReduceMean over axis 1, keepdims), an
    InstanceNormalization of that one channel, then a pixel unshuffle by `r` written out (Reshape [1, 1, H/r, r, W/r, r]
    -> Transpose(0, 1, 3, 5, 2, 4) -> Reshape [1, r*r, H/r, W/r]) into a 1x1 Conv. `front` "mean_in": all of it on the
    graph input; "mean": behind a 3x3 Conv; "conv": the unshuffle behind a one-channel Conv (no mean, no norm)."""
    g = G(h * 3 + w + r + len(front))
    x = conv(g, "pre", "x", 3, 3) if front == "mean" else "x"
    if front == "conv":
        x = conv(g, "pre", "x", 3, 1)
    else:
        x = g.op("ReduceMean", "mean", [x], axes=[1], keepdims=1)
        x = g.op("InstanceNormalization", "norm", [x, g.const(np.ones(1, np.float32)), g.const(np.zeros(1, np.float32))],
                 epsilon=1e-5)
    x = g.op("Reshape", "us_in", [x, g.ints(1, 1, h // r, r, w // r, r)])
    x = g.op("Transpose", "us_tp", [x], perm=[0, 1, 3, 5, 2, 4])
    x = g.op("Reshape", "us_out", [x, g.ints(1, r * r, h // r, w // r)])
    y = g.op("Conv", "post", [x, g.w(32, r * r, 1, 1), g.w(32)], kernel_shape=[1, 1])
    return g.model("x", [1, 3, h, w], y), {}


def case_wavfront(length: int, c: int, k: int, s: int, norm: str) -> tuple[Any, dict[str, Any]]:
    """wav2vec2 / HuBERT's feature extractor front (unseen set 15's HuBERT): a waveform [1, L] Unsqueezed to [1, 1, L]
    -> Conv1d(1 -> C, kernel k, stride s, no bias) -> `norm` "gn": GroupNorm(C, C) as TorchScript writes it on the rank-3
    map (Reshape [0, C, -1] -> InstanceNormalization -> Reshape back by Shape -> Mul -> Add), "none": nothing -> GELU
    (Erf form is a CPU op: Relu here) -> Conv1d(C -> C, 3, stride 2). Which of the Conv and the norm leave the NPU,
    by the length?"""
    g = G(length + c + k + s + len(norm))
    x = g.op("Unsqueeze", "unsq", ["x", g.ints(1)])
    y = g.op("Conv", "conv0", [x, g.w(c, 1, k)], kernel_shape=[k], strides=[s])
    if norm == "gn":
        r = g.op("Reshape", "gn_in", [y, g.ints(0, c, -1)])
        r = g.op("InstanceNormalization", "inorm", [r, g.const(np.ones(c, np.float32)),
                                                    g.const(np.zeros(c, np.float32))], epsilon=1e-5)
        r = g.op("Reshape", "gn_out", [r, g.op("Shape", "gn_shape", [y])])
        r = g.op("Mul", "gamma", [r, g.w(c, 1)])
        y = g.op("Add", "beta", [r, g.w(c, 1)])
    y = g.op("Relu", "act", [y])
    y = g.op("Conv", "conv1", [y, g.w(c, c, 3)], kernel_shape=[3], strides=[2])
    m = g.model("x", [1, length], y, 17)
    return m, {}


def case_yhead26(h: int, w: int, parts: tuple[int, ...], kpts: bool = True) -> tuple[Any, dict[str, Any]]:
    """An end-to-end YOLO26 head as ultralytics 8.4 exports it (unseen set 15's YOLO26s / YOLO26s-pose): three levels
    (H x W, H/2 x W/2, H/4 x W/4), each branch its own 1x1 Conv (`parts`: 4 box, the classes, 51 key points) Reshaped
    to [1, C, H*W]; each branch's rows Concatenated over the levels (axis -1), the boxes scaled, the classes through a
    Sigmoid, the key points (`kpts`) Reshaped to [1, K, 3, A], scaled and Reshaped back, and the branches
    Concatenated on axis 1 into the output [1, 4 + classes + 3K, A]. Which levels' Reshapes and which Concats leave the
    NPU, by the map sizes and C?"""
    g = G(h * 131 + w * 7 + sum(parts) + kpts)
    x = g.op("Conv", "stem", ["x", g.w(16, 3, 1, 1), g.w(16)], kernel_shape=[1, 1])
    rows: list[list[str]] = [[] for _ in parts]
    for lvl in range(3):
        if lvl:
            x = g.op("MaxPool", f"pool{lvl}", [x], kernel_shape=[2, 2], strides=[2, 2])
        for j, c in enumerate(parts):
            o = g.op("Conv", f"out{lvl}_{j}", [x, g.w(c, 16, 1, 1), g.w(c)], kernel_shape=[1, 1])
            rows[j].append(g.op("Reshape", f"flat{lvl}_{j}", [o, g.ints(1, c, -1)]))
    a = h * w + (h // 2) * (w // 2) + (h // 4) * (w // 4)
    cats = [g.op("Concat", f"rows{j}", r, axis=-1) for j, r in enumerate(rows)]
    outs = [g.op("Mul", "box_scale", [cats[0], g.const(np.full((1, a), 8.0, np.float32))]),
            g.op("Sigmoid", "cls_sig", [cats[1]])]
    if kpts and len(parts) > 2 and parts[2] >= 3:  # (4, 15, 1): an OBB head's classes and 1-channel angle
        k = parts[2] // 3
        kp = g.op("Reshape", "kpt_split", [cats[2], g.ints(1, k, 3, a)])
        kp = g.op("Mul", "kpt_scale", [kp, g.const(np.full((1, a), 8.0, np.float32))])
        outs.append(g.op("Reshape", "kpt_flat", [kp, g.ints(1, 3 * k, a)]))
    y = g.op("Concat", "head_cat", outs, axis=1)
    return g.model("x", [1, 3, h, w], y), {}


def case_pmask(n: int, heads: int, form: str, safe: bool = True) -> tuple[Any, dict[str, Any]]:
    """An attention whose additive mask the network computes from its tokens, as Hugging Face Pix2Struct's vision
    encoder does (unseen set 19: the mask from the patches, And-ed and Expand-ed to [1, 1, N, N]): a per-token value
    s = ReduceMean(tokens) [1, N, 1]; `form` "row": s as [1, 1, 1, N] (BERT's padding mask), "outer": s as
    [1, 1, N, 1] * s as [1, 1, 1, N] (a full [1, 1, N, N] map), "outerw": that map through Greater / Where into 0 /
    -1e4; the mask (times -1e4 where float) added to q @ k^T -> Softmax (`safe`: torch's Where(IsNaN(p), 0, p)) -> @ v.
    Does the Softmax leave the NPU, by the mask's form and N (Pix2Struct at 512 tokens of 6 heads: on the CPU on
    rk3588 with 2.3.0, 2.3.2, 2.5.0)?"""
    d = 64
    c = heads * d
    g = G(n * 13 + heads * 5 + len(form) + 3 * safe)
    x = g.op("Add", "front", ["x", g.w(c)])
    tok = g.op("ReduceMean", "tok", [x], axes=[2], keepdims=1)
    row = g.op("Reshape", "m_row", [tok, g.ints(1, 1, 1, n)])
    if form == "row":
        mask = g.op("Mul", "m_scale", [row, g.const(np.array(-1e4, np.float32))])
    else:
        outer = g.op("Mul", "m_outer", [g.op("Reshape", "m_col", [tok, g.ints(1, 1, n, 1)]), row])
        if form == "outer":
            mask = g.op("Mul", "m_scale", [outer, g.const(np.array(-1e4, np.float32))])
        else:
            mask = g.op("Where", "m_where", [g.op("Greater", "m_gt", [outer, g.const(np.array(0.0, np.float32))]),
                                             g.const(np.array(0.0, np.float32)), g.const(np.array(-1e4, np.float32))])

    def lin(p: str) -> str:
        return g.op("Add", p + "_add", [g.w(c), g.op("MatMul", p + "_mm", [x, g.w(c, c)])])

    q = g.op("Transpose", "q_tp", [g.op("Reshape", "q_rs", [lin("q"), g.ints(1, n, heads, d)])], perm=[0, 2, 1, 3])
    k = g.op("Transpose", "k_tp", [g.op("Reshape", "k_rs", [lin("k"), g.ints(1, n, heads, d)])], perm=[0, 2, 3, 1])
    v = g.op("Transpose", "v_tp", [g.op("Reshape", "v_rs", [lin("v"), g.ints(1, n, heads, d)])], perm=[0, 2, 1, 3])
    a = g.op("Add", "mask", [g.op("MatMul", "qk", [q, k]), mask])
    a = g.op("Softmax", "softmax", [a], axis=-1)
    if safe:
        a = g.op("Where", "safe", [g.op("IsNaN", "isnan", [a]), g.const(np.array(0.0, np.float32)), a])
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "av", [a, v])], perm=[0, 2, 1, 3])
    o = g.op("Reshape", "o_rs", [o, g.ints(1, n, c)])
    y = g.op("Add", "res", [x, g.op("MatMul", "o_mm", [o, g.w(c, c)])])
    return g.model("x", [1, n, c], y, opset=14), {}


def case_mexp(n: int, heads: int, shape: str = "computed", d: int = 32, front: str = "add"
              ) -> tuple[Any, dict[str, Any]]:
    """A padding mask spread over the heads as unseen set 20's FastSpeech2 encoder exports it: token ids [1, N] (int64)
    -> Equal 0 -> Cast to bool -> Where(-1e4, 0) [1, N] -> Reshape [1, 1, 1, N] -> Expand over the heads ([1, h, 1, N];
    `shape` "computed": torch's expand(-1, h, -1, -1), Where(Equal(c, -1), Shape(mask), c); "const": [1, h, 1, N]) ->
    Reshape [h, 1, N] -> Reshape [1, h, 1, N] -> Add to the scores q @ k^T of the tokens [1, N, C] -> Softmax -> @ v.
    Does the Expand run on the CPU (FastSpeech2 on rk3588 fp16 / int8 2.3.2: 4 of 4)? `front` "mm": the tokens enter
    through a Linear without a bias instead of a bias Add (with 2.3.2 on rk3562 and rk2118 the bias Add on the graph
    input crashed the build: 'op(Add:front) has undefined broadcast type', then SIGSEGV)."""
    from onnx import TensorProto

    c = heads * d
    g = G(n * 17 + heads * 3 + len(shape))
    x = g.op("MatMul", "front", ["x", g.w(c, c)]) if front == "mm" else g.op("Add", "front", ["x", g.w(c)])
    pad = g.op("Equal", "pad", ["ids", g.const(np.array(0, np.int64))])
    m = g.op("Where", "m_where", [g.op("Cast", "m_cast", [pad], to=TensorProto.BOOL),
                                  g.const(np.array(-1e4, np.float32)), g.const(np.array(0.0, np.float32))])
    m = g.op("Reshape", "m_rs", [m, g.ints(1, 1, 1, n)])
    if shape == "computed":
        cst = g.ints(-1, heads, -1, -1)
        tgt = g.op("Where", "m_tgt", [g.op("Equal", "m_eq", [cst, g.ints(-1, -1, -1, -1)]),
                                      g.op("Shape", "m_shape", [m]), cst])
    else:
        tgt = g.ints(1, heads, 1, n)
    m = g.op("Expand", "m_exp", [m, tgt])
    m = g.op("Reshape", "m_rs2", [g.op("Reshape", "m_rs1", [m, g.ints(heads, 1, n)]), g.ints(1, heads, 1, n)])

    def lin(p: str) -> str:
        return g.op("Add", p + "_add", [g.w(c), g.op("MatMul", p + "_mm", [x, g.w(c, c)])])

    q = g.op("Transpose", "q_tp", [g.op("Reshape", "q_rs", [lin("q"), g.ints(1, n, heads, d)])], perm=[0, 2, 1, 3])
    k = g.op("Transpose", "k_tp", [g.op("Reshape", "k_rs", [lin("k"), g.ints(1, n, heads, d)])], perm=[0, 2, 3, 1])
    v = g.op("Transpose", "v_tp", [g.op("Reshape", "v_rs", [lin("v"), g.ints(1, n, heads, d)])], perm=[0, 2, 1, 3])
    a = g.op("Softmax", "softmax", [g.op("Add", "mask", [g.op("MatMul", "qk", [q, k]), m])], axis=-1)
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "av", [a, v])], perm=[0, 2, 1, 3])
    y = g.op("Add", "res", [x, g.op("MatMul", "o_mm", [g.op("Reshape", "o_rs", [o, g.ints(1, n, c)]), g.w(c, c)])])
    return g.model("x", [1, n, c], y, opset=14, extra=(("ids", TensorProto.INT64, [1, n]),)), {}


def case_sdpak(t: int, heads: int, d: int) -> tuple[Any, dict[str, Any]]:
    """Whisper's encoder self-attention as torch dynamo writes its SDPA (unseen set 15): LayerNorm -> q Linear * scale,
    k Linear without a bias, v Linear, each Reshape [1, T, h, d] -> Transpose(0, 2, 1, 3); k then Reshape [h, T, d] ->
    Transpose(0, 2, 1) -> Reshape [1, h, d, T] (k^T through rank 3) -> q @ k^T -> Softmax -> @ v -> Reshape -> Transpose
    back -> Reshape [1, T, C] -> the out Linear -> residual Add. Which of k's rank-3 Transpose and v's head split leave
    the NPU, by T?"""
    g = G(t * 7 + heads * 3 + d)
    c = heads * d
    x = g.op("Add", "front", ["x", g.w(c)])
    ln = g.op("LayerNormalization", "ln", [x, g.const(1 + g.rng.normal(0, 0.1, c).astype(np.float32)), g.w(c)],
              axis=-1, epsilon=1e-5)
    q = g.op("Mul", "q_scale", [g.op("Add", "q_b", [g.op("MatMul", "q_mm", [ln, g.w(c, c)]), g.w(c)]),
                                g.const(np.array(d ** -0.5, np.float32))])
    q = g.op("Transpose", "q_tp", [g.op("Reshape", "q_view", [q, g.ints(1, t, heads, d)])], perm=[0, 2, 1, 3])
    k = g.op("Reshape", "k_view", [g.op("MatMul", "k_mm", [ln, g.w(c, c)]), g.ints(1, t, heads, d)])
    k = g.op("Reshape", "k_r3", [g.op("Transpose", "k_tp", [k], perm=[0, 2, 1, 3]), g.ints(heads, t, d)])
    k = g.op("Reshape", "k_r4", [g.op("Transpose", "k_t", [k], perm=[0, 2, 1]), g.ints(1, heads, d, t)])
    a = g.op("Softmax", "attn", [g.op("MatMul", "qk", [q, k])], axis=-1)
    v = g.op("Reshape", "v_view", [g.op("Add", "v_b", [g.op("MatMul", "v_mm", [ln, g.w(c, c)]), g.w(c)]),
                                   g.ints(1, t, heads, d)])
    v = g.op("Transpose", "v_tp", [v], perm=[0, 2, 1, 3])
    o = g.op("Transpose", "o_tp", [g.op("MatMul", "av", [a, v])], perm=[0, 2, 1, 3])
    o = g.op("Reshape", "o_flat", [o, g.ints(1, t, c)])
    y = g.op("Add", "res", [x, g.op("Add", "o_b", [g.op("MatMul", "o_mm", [o, g.w(c, c)]), g.w(c)])])
    return g.model("x", [1, t, c], y, 17), {}


def case_linattn(h: int, w: int, c: int, heads: int, layers: int = 2, cross: bool = True, scale: bool = True
                 ) -> tuple[Any, dict[str, Any]]:
    """LoFTR's linear-attention encoder layer as torch.onnx writes it (fast-transformers' LinearAttention; unseen set
    21's LoFTR-lite coarse matcher): two maps made by Convs of one input, each flattened to tokens x [1, N, C] (Reshape
    [1, C, N] -> Transpose(0, 2, 1)); per layer and map q / k / v Linears without bias (k and v of the map itself, or
    of the other map in a `cross` layer: every odd layer) -> Reshape [1, N, h, d]; q and k through elu + 1 (Elu, Add
    1), v divided by its token count (`scale`); KV = Einsum('nshd,nshv->nhdv', k, v), the normaliser Z = 1 /
    (Einsum('nlhd,nhd->nlh', q, ReduceSum(k, axis 1)) + 1e-6), out = Einsum('nlhd,nhdv,nlh->nlhv', q, KV, Z) times the
    token count -> Reshape [1, N, C] -> merge Linear -> LayerNorm written out -> Concat with x -> MLP (2C -> 2C ->
    C) -> LayerNorm -> + x; the maps' tokens back to maps (Transpose, Reshape), added, a Conv. rk3566 2.3.2 ran, per
    layer, k's Linear and Reshape, k's elu + 1 Add, the ReduceSum, the three-operand Einsum and the Reshape after it
    on the CPU (int8: v's Div and Reshape too). By N, C and the head width?"""
    g = G(h * 1000 + w * 10 + c + heads + layers + 2 * cross + scale)
    d = c // heads
    n = h * w
    x = g.op("Relu", "stem_act", [conv(g, "stem", "x", 3, 32)])
    maps = [g.op("Relu", f"m{i}_act", [conv(g, f"m{i}", x, 32, c)]) for i in range(2)]
    toks = [g.op("Transpose", f"t{i}", [g.op("Reshape", f"t{i}_rs", [m, g.ints(1, c, n)])], perm=[0, 2, 1])
            for i, m in enumerate(maps)]
    one = g.const(np.array(1.0, np.float32))
    nn_ = g.const(np.array(float(n), np.float32))

    def heads_of(p: str, t: str) -> str:
        return g.op("Reshape", p + "_rs", [g.op("MatMul", p, [t, g.w(c, c)]), g.ints(1, n, heads, d)])

    def feat(p: str, t: str) -> str:  # elu + 1
        return g.op("Add", p + "_p1", [g.op("Elu", p + "_elu", [t], alpha=1.0), one])

    def layer(p: str, t: str, src: str) -> str:
        q = feat(p + "q", heads_of(p + "q", t))
        k = feat(p + "k", heads_of(p + "k", src))
        v = heads_of(p + "v", src)
        if scale:
            v = g.op("Div", p + "v_scale", [v, nn_])
        kv = g.op("Einsum", p + "kv", [k, v], equation="nshd,nshv->nhdv")
        ks = g.op("ReduceSum", p + "ksum", [k, g.ints(1)], keepdims=0)
        z = g.op("Add", p + "z_eps", [g.op("Einsum", p + "qk", [q, ks], equation="nlhd,nhd->nlh"),
                                      g.const(np.array(1e-6, np.float32))])
        z = g.op("Reciprocal", p + "z", [z])
        o = g.op("Einsum", p + "out", [q, kv, z], equation="nlhd,nhdv,nlh->nlhv")
        if scale:
            o = g.op("Mul", p + "out_scale", [o, nn_])
        o = g.op("MatMul", p + "merge", [g.op("Reshape", p + "out_rs", [o, g.ints(1, n, c)]), g.w(c, c)])
        o = layer_norm_written(g, p + "n1", o, g.w(c), g.w(c))
        m = g.op("MatMul", p + "mlp0", [g.op("Concat", p + "cat", [t, o], axis=-1), g.w(2 * c, 2 * c)])
        m = g.op("MatMul", p + "mlp2", [g.op("Relu", p + "mlp1", [m]), g.w(2 * c, c)])
        return g.op("Add", p + "res", [t, layer_norm_written(g, p + "n2", m, g.w(c), g.w(c))])

    for i in range(layers):
        both = cross and i % 2 == 1
        toks = [layer(f"l{i}_{j}_", toks[j], toks[1 - j] if both else toks[j]) for j in range(2)]
    outs = [g.op("Reshape", f"o{i}_rs", [g.op("Transpose", f"o{i}", [t], perm=[0, 2, 1]), g.ints(1, c, h, w)])
            for i, t in enumerate(toks)]
    y = conv(g, "tail", g.op("Add", "o_sum", outs), c, 16, k=1)
    return g.model("x", [1, 3, h, w], y, opset=16), {}


def case_x3dblk(c: int, mid: int, t: int, hw: int, stride: int = 1, se: bool = True, head: bool = False
                ) -> tuple[Any, dict[str, Any]]:
    """X3D's bottleneck block as torch.onnx writes pytorchvideo's (unseen set 21's X3D-XS-lite): x [1, 3, T, H', W']
    -> stem Conv3d 1 x 3 x 3 (C, stride 2) -> Relu -> block: 1x1x1 Conv3d (mid) -> Relu -> depthwise 3 x 3 x 3 Conv3d
    (stride 1 x `stride` x `stride`, onto HW x HW) -> (`se`: GlobalAveragePool -> 1x1x1 Conv3d (mid / 4) -> Relu ->
    1x1x1 Conv3d (mid) -> Sigmoid -> Mul) -> Swish (Sigmoid, Mul) -> 1x1x1 Conv3d (C) -> + the shortcut (a strided
    1x1x1 Conv3d where `stride` 2) -> Relu; `head`: 1x1x1 Conv3d (2 mid) -> Relu -> GlobalAveragePool -> Flatten ->
    Gemm. rk3566 2.3.2 ran a Reshape after every depthwise Conv3d read by the squeeze-excite's pool
    ('<dw>_output_0_rs'), a Transpose after its expanding Conv3d ('<se.3>_output_0_rs') and a Reshape after the head
    Conv3d, at 40 x 40 to 5 x 5 maps (int8: the excite Mul too). By the map's size, C, T?"""
    g = G(c * 1000 + mid * 10 + t + hw + 7 * stride + 3 * se + 5 * head)
    s = g.op("Relu", "stem_act", [g.op("Conv", "stem", ["x", g.w(c, 3, 1, 3, 3), g.w(c)], kernel_shape=[1, 3, 3],
                                       pads=[0, 1, 1, 0, 1, 1], strides=[1, 2, 2])])
    a = g.op("Relu", "a_act", [g.op("Conv", "a", [s, g.w(mid, c, 1, 1, 1), g.w(mid)], kernel_shape=[1, 1, 1])])
    b = g.op("Conv", "dw", [a, g.w(mid, 1, 3, 3, 3), g.w(mid)], kernel_shape=[3, 3, 3], pads=[1] * 6, group=mid,
             strides=[1, stride, stride])
    if se:
        r = max(4, (mid // 4) // 4 * 4)
        p = g.op("GlobalAveragePool", "se_pool", [b])
        p = g.op("Relu", "se_act", [g.op("Conv", "se_red", [p, g.w(r, mid, 1, 1, 1), g.w(r)], kernel_shape=[1, 1, 1])])
        p = g.op("Sigmoid", "se_gate", [g.op("Conv", "se_exp", [p, g.w(mid, r, 1, 1, 1), g.w(mid)],
                                             kernel_shape=[1, 1, 1])])
        b = g.op("Mul", "se_mul", [b, p])
    b = g.op("Mul", "swish", [b, g.op("Sigmoid", "swish_sig", [b])])
    b = g.op("Conv", "c", [b, g.w(c, mid, 1, 1, 1), g.w(c)], kernel_shape=[1, 1, 1])
    sc = s if stride == 1 else g.op("Conv", "sc", [s, g.w(c, c, 1, 1, 1), g.w(c)], kernel_shape=[1, 1, 1],
                                    strides=[1, 2, 2])
    y = g.op("Relu", "res_act", [g.op("Add", "res", [b, sc])])
    if head:
        y = g.op("Relu", "head_act", [g.op("Conv", "head", [y, g.w(2 * mid, c, 1, 1, 1), g.w(2 * mid)],
                                           kernel_shape=[1, 1, 1])])
        y = g.op("Gemm", "fc", [g.op("Flatten", "flat", [g.op("GlobalAveragePool", "pool", [y])], axis=1),
                                g.w(16, 2 * mid), g.w(16)], transB=1)
    else:
        y = g.op("Conv", "tail", [y, g.w(16, c, 1, 1, 1), g.w(16)], kernel_shape=[1, 1, 1])
    return g.model("x", [1, 3, t, 2 * hw * stride, 2 * hw * stride], y), {}


def case_bmmattn(nq: int, nk: int, heads: int, d: int, cross: bool = False, relpos: bool = False
                 ) -> tuple[Any, dict[str, Any]]:
    """transformers' eager attention in its older form, as torch.onnx writes BART-style decoders and encoders (unseen
    set 21's TrOCR decoder cross attention, SpeechT5's encoder with its relative position bias): tokens x [1, Nq, C]
    -> LayerNorm; q Linear (bias Add written Add(b, x)) times d^-0.5, k and v Linears of the same tokens or, `cross`,
    of the encoder's states (a graph input [1, Nk, C]); each Reshape [1, N, h, d] -> Transpose(0, 2, 1, 3) -> Reshape
    [h, N, d] (k then Transpose(0, 2, 1)); q @ k^T [h, Nq, Nk] (`relpos`: + q Reshape-d again -> Transpose(1, 0, 2) @
    a constant table [Nq, d, Nq] -> Transpose(1, 0, 2), SpeechT5's bias) -> Softmax -> @ v -> Reshape [1, h, Nq, d] ->
    Transpose(0, 2, 1, 3) -> Reshape [1, Nq, C] -> out Linear -> + x -> a Linear. rk3566 2.3.2 ran v's Reshape and
    Transpose to heads (and the relative bias's two Transposes) on the CPU at Nk 145 and 49: by Nk, Nq, h and d?"""
    from onnx import TensorProto

    g = G(nq * 1000 + nk * 10 + heads + d + 2 * cross + 5 * relpos)
    c = heads * d
    h = layer_norm_written(g, "ln", "x", g.w(c), g.w(c), eps=1e-5)

    def lin(p: str, t: str) -> str:
        return g.op("Add", p + "_add", [g.w(c), g.op("MatMul", p, [t, g.w(c, c)])])

    def heads_of(p: str, t: str, n: int) -> str:
        t = g.op("Transpose", p + "_tp", [g.op("Reshape", p + "_rs", [t, g.ints(1, n, heads, d)])], perm=[0, 2, 1, 3])
        return g.op("Reshape", p + "_r3", [t, g.ints(heads, n, d)])

    src, n = ("enc", nk) if cross else (h, nq)
    k = g.op("Transpose", "k_t", [heads_of("k", lin("k_proj", src), n)], perm=[0, 2, 1])
    v = heads_of("v", lin("v_proj", src), n)
    q = heads_of("q", g.op("Mul", "q_scale", [lin("q_proj", h), g.const(np.array(d ** -0.5, np.float32))]), nq)
    s = g.op("MatMul", "qk", [q, k])
    if relpos and not cross:
        r = g.op("Transpose", "rel_q", [g.op("Reshape", "rel_q_rs", [q, g.ints(heads, nq, d)])], perm=[1, 0, 2])
        r = g.op("MatMul", "rel_mm", [r, g.w(nq, d, nq)])
        s = g.op("Add", "rel_add", [s, g.op("Reshape", "rel_rs", [g.op("Transpose", "rel_back", [r], perm=[1, 0, 2]),
                                                                  g.ints(heads, nq, nq)])])
    o = g.op("MatMul", "av", [g.op("Softmax", "sm", [s], axis=-1), v])
    o = g.op("Transpose", "o_tp", [g.op("Reshape", "o_r4", [o, g.ints(1, heads, nq, d)])], perm=[0, 2, 1, 3])
    o = lin("out_proj", g.op("Reshape", "o_rs", [o, g.ints(1, nq, c)]))
    y = g.op("MatMul", "fc", [g.op("Add", "res", ["x", o]), g.w(c, c)])
    extra = (("enc", TensorProto.FLOAT, [1, nk, c]),) if cross else ()
    return g.model("x", [1, nq, c], y, opset=14, extra=extra), {}


def case_obbhead(h: int, w: int, nc: int) -> tuple[Any, dict[str, Any]]:
    """Ultralytics' OBB head as it exports YOLOv8 / YOLO11 / YOLO12-obb (opset 12-17): three levels (h x w, halves,
    quarters) each with a box Conv (64), a class Conv (nc) and an angle Conv (1) flattened to [1, C, H * W] and the
    levels Concat-ed per branch; the angle Sigmoid -> Sub 0.25 -> Mul pi; the DFL (Reshape [1, 4, 16, A] ->
    Transpose(0, 2, 1, 3) -> Softmax -> bin Conv -> Reshape [1, 4, A]); Split into lt / rb, (rb - lt) / 2 split into
    x, y rotated by the angle's Cos / Sin, + anchors, Concat with lt + rb, times the strides; the output Concat of the
    boxes, the Sigmoid classes and the angle [1, 5 + nc, A]. rk3566 2.3.2 ran the Div's Reshape, the angle Mul's and
    the output Concat's on the CPU (unseen sets 14-21's YOLOv8n / YOLO11s / YOLO12s-obb): by A, the map's form, nc?"""
    g = G(h * 1000 + w + nc)
    lv = [conv(g, "l0", "x", 3, 16)]
    for i in (1, 2):
        lv.append(g.op("Conv", f"l{i}", [lv[-1], g.w(16, 16, 3, 3), g.w(16)], kernel_shape=[3, 3], pads=[1] * 4,
                       strides=[2, 2]))
    fb, fc, fa, strides, anchors = [], [], [], [], []
    for i, x in enumerate(lv):
        hh, ww = h // (2 ** i), w // (2 ** i)
        for lst, p, c in ((fb, "box", 64), (fc, "cls", nc), (fa, "ang", 1)):
            y = g.op("Conv", f"{p}{i}", [x, g.w(c, 16, 1, 1), g.w(c)], kernel_shape=[1, 1])
            lst.append(g.op("Reshape", f"f{p}{i}", [y, g.ints(1, c, hh * ww)]))
        st, anc = _level_grid(hh, ww, i)
        strides += st
        anchors.append(anc)
    a = len(strides)
    boxes = g.op("Concat", "boxes", fb, axis=-1)
    scores = g.op("Sigmoid", "sig", [g.op("Concat", "scores", fc, axis=-1)])
    ang = g.op("Sub", "ang_sub", [g.op("Sigmoid", "ang_sig", [g.op("Concat", "angles", fa, axis=2)]),
                                  g.const(np.array(0.25, np.float32))])
    ang = g.op("Mul", "ang_pi", [ang, g.const(np.array(np.pi, np.float32))])
    d = g.op("Transpose", "dfl_tp", [g.op("Reshape", "dfl_rs", [boxes, g.ints(1, 4, 16, a)])], perm=[0, 2, 1, 3])
    d = g.op("Conv", "dfl", [g.op("Softmax", "dfl_sm", [d], axis=1),
                             g.const(np.arange(16, dtype=np.float32).reshape(1, 16, 1, 1))], kernel_shape=[1, 1])
    d = g.op("Reshape", "dfl_rs1", [d, g.ints(1, 4, a)])
    g.nodes.append(g.h.make_node("Split", [d, g.ints(2, 2)], ["lt", "rb"], name="split", axis=1))
    half = g.op("Div", "half", [g.op("Sub", "rb_lt", ["rb", "lt"]), g.const(np.array(2.0, np.float32))])
    g.nodes.append(g.h.make_node("Split", [half, g.ints(1, 1)], ["xf", "yf"], name="split1", axis=1))
    cos, sin = g.op("Cos", "cos", [ang]), g.op("Sin", "sin", [ang])
    x = g.op("Sub", "rx", [g.op("Mul", "xc", ["xf", cos]), g.op("Mul", "ys", ["yf", sin])])
    y = g.op("Add", "ry", [g.op("Mul", "xs", ["xf", sin]), g.op("Mul", "yc", ["yf", cos])])
    xy = g.op("Add", "xy", [g.op("Concat", "rxy", [x, y], axis=1),
                            g.const(np.concatenate(anchors, axis=1).astype(np.float32)[None])])
    b = g.op("Mul", "stride", [g.op("Concat", "xywh", [xy, g.op("Add", "wh", ["lt", "rb"])], axis=1),
                               g.const(np.array(strides, np.float32).reshape(1, a))])
    y = g.op("Concat", "out", [b, scores, ang], axis=1)
    return g.model("x", [1, 3, h, w], y, opset=13), {}


class _Cases(dict):
    """The models of `cases`, keeping only those of the named cases as they are made (all of them would hold several
    GB at once; a `models --case X` run needs a few)."""

    def __init__(self, only: set[str] | None = None) -> None:
        super().__init__()
        self.only = only

    def __setitem__(self, stem: str, value: tuple[Any, dict[str, Any]]) -> None:
        if not self.only or value[1]["case"] in self.only:
            super().__setitem__(stem, value)


def cases(only: set[str] | None = None) -> dict[str, tuple[Any, dict[str, Any]]]:
    """Every sweep model by stem, (model, meta); with `only`, just the models of those cases."""
    out: dict[str, tuple[Any, dict[str, Any]]] = _Cases(only)
    for hw, c, layout in ((56, 96, "nhwc"), (28, 192, "nhwc"), (14, 384, "nhwc"), (16, 32, "nhwc"), (8, 64, "nhwc"),
                          (56, 96, "nchw"), (28, 192, "nchw"), (14, 384, "nchw"), (28, 192, "cat"), (14, 64, "cat")):
        # Swin-V2-CR-T at 224 px (unseen set 9): its shifted blocks' maps 56 x 56 x 96 to 14 x 14 x 384, shift 3
        m, meta = case_roll(hw, c, layout)
        out[f"roll_{layout}_hw{hw}_c{c}"] = m, {"case": "roll", "hw": hw, "c": c, "layout": layout}
    for hw, c, tail in ((56, 96, "ln"), (28, 192, "ln"), (14, 384, "ln"), (56, 96, "pad"), (28, 192, "pad"),
                        (56, 96, "part"), (28, 192, "part"), (14, 384, "part")):
        m, meta = case_roll(hw, c, "nhwc", tail=tail)
        out[f"roll_nhwc_{tail}_hw{hw}_c{c}"] = m, {"case": "roll", "hw": hw, "c": c, "layout": "nhwc", "tail": tail}
    for hw, c, tail in ((56, 96, "part"), (28, 192, "part"), (56, 96, "ln"), (56, 96, "tokens")):
        m, meta = case_roll(hw, c, "nhwc", shift=-3, tail=tail, res=True)
        out[f"roll_nhwc_{tail}_res_hw{hw}_c{c}"] = m, {"case": "roll", "hw": hw, "c": c, "layout": "nhwc",
                                                       "tail": tail, "shift": -3, "res": True}
        m, meta = case_roll(hw, c, "nhwc", shift=-3, tail=tail, shaped=True)
        out[f"roll_nhwc_{tail}_shaped_hw{hw}_c{c}"] = m, {"case": "roll", "hw": hw, "c": c, "layout": "nhwc",
                                                          "tail": tail, "shift": -3, "shaped": True}
        m, meta = case_roll(hw, c, "nhwc", shift=-3, tail=tail)  # Swin's forward shift, x[3:] then x[:3]
        out[f"roll_nhwc_{tail}_left_hw{hw}_c{c}"] = m, {"case": "roll", "hw": hw, "c": c, "layout": "nhwc",
                                                        "tail": tail, "shift": -3}
    for hw, c, heads, norm in ((128, 64, 1, True), (128, 64, 1, False), (90, 64, 1, True), (91, 64, 1, True),
                               (64, 64, 1, True), (128, 32, 1, True)):
        # Restormer-lite's first level (unseen set 10: 128 x 128, 64 channels, one head)
        m, meta = case_mdta(hw, c, heads, norm)
        out[f"mdta_hw{hw}_c{c}_h{heads}{'' if norm else '_nonorm'}"] = m, {"case": "mdta", "hw": hw, "c": c,
                                                                            "heads": heads, "norm": norm}
    for n, c, same in ((197, 384, True), (64, 128, True), (196, 64, True), (197, 384, False)):
        # vit_small_patch16_18x2 (unseen set 10): two written-out LayerNorms of one block input
        m, meta = case_duoln(n, c, same)
        out[f"duoln_{'same' if same else 'chain'}_n{n}_c{c}"] = m, {"case": "duoln", "n": n, "c": c, "same": same}
    for n, c in ((197, 384), (64, 128)):
        m, meta = case_duoln(n, c, shared=True)
        out[f"duoln_shared_n{n}_c{c}"] = m, {"case": "duoln", "n": n, "c": c, "same": True, "shared": True}
    for hw, c, tail in ((56, 96, "block"), (28, 192, "block"), (14, 384, "block"), (56, 96, "block_nores"),
                        (28, 192, "block_nores")):
        # Swin-V2-CR's shifted block whole: shift -3 (x[3:] then x[:3]) before the windows, +3 after, residual
        m, meta = case_roll(hw, c, "nhwc", shift=-3, tail=tail, res=True)
        out[f"roll_nhwc_{tail}_hw{hw}_c{c}"] = m, {"case": "roll", "hw": hw, "c": c, "layout": "nhwc",
                                                   "tail": tail, "shift": -3, "res": True}
    for c, hw, form in ((16, 64, "div1"), (32, 32, "div1"), (64, 16, "div1"), (128, 8, "div1"), (256, 4, "div1"),
                        (32, 32, "recip"), (128, 8, "recip"), (32, 32, "div"), (128, 8, "div"), (32, 32, "gate"),
                        (128, 8, "gate"), (64, 64, "last3"), (196, 128, "last3"), (201, 768, "head4"),
                        (257, 256, "head4"), (196, 384, "head4"), (64, 128, "head4"), (50, 64, "head4")):
        # MobileNetV5-base at 256 px (unseen set 9): its RmsNorm2d on 64 x 128 x 128 to 2048 x 8 x 8; Sapiens2's and
        # ViT-dpwee's q / k norms (unseen set 11: 12 heads of 201 tokens, 4 of 257)
        m, meta = case_rmsc(c, hw, form)
        out[f"rmsc_{form}_c{c}_hw{hw}"] = m, {"case": "rmsc", "c": c, "hw": hw, "form": form}
    for c, hw, form, axis in ((32, 64, "div1", 1), (64, 32, "div1", 1), (128, 16, "div1", 1), (256, 16, "div1", 1),
                              (512, 8, "div1", 1), (64, 32, "divx", 1), (256, 16, "divx", 1), (64, 32, "recip", 1),
                              (256, 16, "recip", 1), (64, 32, "div1", -1), (256, 16, "div1", -1)):
        # MobileNetV5-base (unseen set 9): RmsNorm2d over the channels of 64 x 128 x 128 to 2048 x 8 x 8 maps
        m, meta = case_rms_cf(c, hw, form, axis)
        out[f"rms_cf_{form}_ax{'c' if axis == 1 else 'w'}_c{c}_hw{hw}"] = m, {
            "case": "rms_cf", "c": c, "hw": hw, "form": form, "axis": axis}
    for c, h, w, form in ((96, 64, 128, "meanmax"), (96, 32, 64, "meanmax"), (64, 32, 32, "meanmax"),
                          (128, 8, 8, "meanmax"), (32, 16, 16, "meanmax"), (16, 128, 128, "meanmax"),
                          (96, 64, 128, "mean"), (64, 32, 32, "mean"), (256, 16, 16, "mean"),
                          (64, 32, 32, "meaneps"), (256, 16, 16, "meaneps"), (64, 32, 32, "powmean"),
                          (256, 16, 16, "powmean")):
        # PP-LiteSeg's UAFM (unseen set 9): the channel mean and max of 96 x 64 x 128 and 96 x 32 x 64 maps
        m, meta = case_chpool(c, h, w, form)
        out[f"chpool_{form}_c{c}_h{h}_w{w}"] = m, {"case": "chpool", "c": c, "h": h, "w": w, "form": form}
    for hw in (13, 20, 26, 40, 52, 80):  # CBAM in a YOLO neck at 416 / 640 px (unseen set 12's CBAM / CoordAtt detector)
        for form in ("meanmax", "mean"):
            m, meta = case_chpool(128, hw, hw, form)
            out[f"chpool_{form}_c128_h{hw}_w{hw}"] = m, {"case": "chpool", "c": 128, "h": hw, "w": hw, "form": form}
    for c, h, w in ((64, 13, 13), (64, 26, 26), (64, 52, 52), (192, 52, 52), (256, 26, 26), (128, 20, 20),
                    (128, 40, 40), (128, 80, 80), (128, 16, 16), (128, 52, 52), (256, 40, 40), (64, 80, 80),
                    (256, 52, 52), (64, 104, 104), (128, 16, 26), (128, 26, 16), (128, 24, 24), (128, 12, 12),
                    (128, 28, 28), (128, 48, 48)):
        m, meta = case_coordatt(c, h, w)  # unseen set 12's CBAM / CoordAtt detector: 256 x 26 x 26, 192 x 52 x 52
        out[f"coordatt_c{c}_hw{h}" if h == w else f"coordatt_c{c}_h{h}_w{w}"] = m, {"case": "coordatt", "c": c,
                                                                                    "h": h, "w": w}
    for c, h, w in ((128, 26, 26), (128, 16, 26), (128, 26, 16), (128, 16, 16), (192, 52, 52), (32, 20, 101),
                    (128, 80, 80), (256, 40, 40)):
        for axis in (2, 3):  # one pool alone (BC-ResNet's frequency mean: 32 x 20 x 101 over H)
            m, meta = case_coordatt_one(c, h, w, axis)
            out[f"coordatt1_ax{axis}_c{c}_h{h}_w{w}"] = m, {"case": "coordatt1", "c": c, "h": h, "w": w, "axis": axis}
    for c, hw, axis, form in ((64, 16, -1, "heads"), (128, 16, -1, "heads"), (64, 16, -2, "heads"),
                              (64, 32, -1, "heads"), (64, 16, -1, "seq"), (128, 32, -2, "seq"), (64, 16, -1, "ca"),
                              (128, 32, -2, "ca"), (32, 64, -1, "ca"), (256, 8, -2, "seq"), (64, 16, -1, "seqadd"),
                              (128, 16, -2, "seqadd")):
        # SeaFormer's squeeze-axial attention (unseen set 9): row / column means of 64 / 128 x 16 x 16 maps into 4 heads
        m, meta = case_axmean(c, hw, axis, form)
        out[f"axmean_{form}_c{c}_hw{hw}_ax{-axis}"] = m, {"case": "axmean", "c": c, "hw": hw, "axis": axis,
                                                          "form": form}
    for c, hw, axis in ((32, 20, 2), (64, 16, 2), (128, 32, 2), (32, 20, 3), (64, 16, 3), (128, 32, 3)):
        # the same means with the axis written positive, as torch dynamo writes it (BC-ResNet's frequency means on
        # unseen set 12): does the sign change the lowering?
        m, meta = case_axmean(c, hw, axis, "ca")
        out[f"axmeanp_ca_c{c}_hw{hw}_ax{axis}"] = m, {"case": "axmeanp", "c": c, "hw": hw, "axis": axis, "form": "ca"}
    for side, c, cls in ((16, 384, True), (14, 384, True), (8, 192, True), (32, 384, True), (16, 768, True),
                         (16, 384, False), (14, 192, False), (12, 384, True)):
        # DPT on DINOv2 ViT-S/14 (unseen set 8): 16 x 16 patches + a class token, 384 wide
        m, meta = case_readout(side, c, cls)
        out[f"readout_s{side}_c{c}{'_cls' if cls else ''}"] = m, {"case": "readout", "side": side, "c": c, "cls": cls}
    for side, c in ((16, 384), (14, 384), (8, 192)):
        m, meta = case_readout(side, c, True, branch=True)
        out[f"readout_s{side}_c{c}_cls_branch"] = m, {"case": "readout_branch", "side": side, "c": c, "cls": True}
    for k, c, clip in ((17, 256, True), (17, 512, True), (133, 256, True), (26, 1024, True), (17, 256, False)):
        # RTMPose-t's GAU head (unseen set 8): 17 keypoints, 256 wide
        m, meta = case_scalenorm(k, c, clip)
        out[f"scalenorm_k{k}_c{c}{'' if clip else '_noclip'}"] = m, {"case": "scalenorm", "k": k, "c": c, "clip": clip}
    for c, hw in ((32, 128), (32, 256), (32, 64), (96, 32), (64, 16), (128, 16), (32, 32), (64, 64)):
        # MODNet's IBNorm (unseen set 8): 32 channels at 256 to 32 px, 96 at 32
        m, meta = case_ibnorm(c, hw)
        out[f"ibnorm_c{c}_hw{hw}"] = m, {"case": "ibnorm", "c": c, "hw": hw}
    for t, d, axis, form in ((256, 1024, 2, "recip"), (256, 1024, -1, "recip"), (197, 384, 2, "recip"),
                             (50, 64, 2, "recip"), (64, 256, -1, "recip"), (256, 1024, 2, "div1"),
                             (1, 256, -1, "div1"), (1, 64, -1, "div1"), (1, 512, 2, "div1"), (4, 256, -1, "div1"),
                             (16, 256, -1, "div1"), (1, 256, -1, "recip"), (1, 1024, -1, "recip"),
                             (1, 64, 2, "recip"), (4, 256, -1, "recip")):
        # DeepSeek's ViT (unseen set 9, dynamo): 256 tokens of 1024, the mean's axis written as 2; one token (unseen
        # set 11's kv-cache decoder step) to 16
        m, meta = case_tokrms(t, d, axis, form)
        out[f"tokrms_{form}_t{t}_d{d}_ax{axis}"] = m, {"case": "tokrms", "t": t, "d": d, "axis": axis, "form": form}
    for c, t, front in ((256, 200, "relu"), (768, 200, "relu"), (64, 50, "relu"), (128, 64, "relu"),
                        (512, 100, "relu"), (256, 32, "relu"), (32, 300, "relu"), (256, 200, "pow"), (64, 50, "pow")):
        m, meta = case_se1d(c, t, front)  # ECAPA-TDNN (unseen set 5): 256 x 200 in its blocks, 768 x 200 pooled
        out[f"se1d_{front}_c{c}_t{t}"] = m, {"case": "se1d", "c": c, "t": t, "front": front}
    for h, t, d, axis, front in ((4, 257, 64, 3, "attn"), (12, 201, 64, 3, "heads"), (6, 201, 64, 3, "heads"),
                                 (8, 50, 32, 3, "heads"), (4, 64, 64, 3, "attn"), (8, 197, 32, 3, "attn"),
                                 (12, 201, 64, -1, "heads"), (4, 257, 64, -1, "attn")):
        # unseen set 11's Sapiens2 (qk-norm, 12 and 6 heads of 64 over 201 tokens) and ViT-dpwee (the sub-norm of
        # 4 heads of 64 over 257 tokens), dynamo: the mean's axis written as 3
        m, meta = case_headrms(h, t, d, axis, front)
        out[f"headrms_{front}_h{h}_t{t}_d{d}_ax{axis}"] = m, {"case": "headrms", "h": h, "t": t, "d": d, "axis": axis,
                                                              "front": front}
    for t, d, form in ((1, 256, "wfirst"), (64, 256, "wfirst"), (1, 256, "div1"), (16, 128, "wfirst")):
        # unseen set 11's llm_kv_cache_step: one token of 256, the weight first (`wrms`: tokrms's `wfirst` form)
        m, meta = case_tokrms(t, d, -1, form)
        out[f"wrms_{form}_t{t}_d{d}"] = m, {"case": "wrms", "t": t, "d": d, "axis": -1, "form": form}
    for c, h, w, tail in ((256, 16, 16, "rms"), (128, 14, 14, "rms"), (96, 16, 12, "rms"), (128, 16, 12, "cat"),
                          (192, 14, 14, "cat"), (64, 8, 8, "cat"), (128, 14, 14, "ln"), (128, 14, 14, "mm"),
                          (64, 16, 16, "mm")):
        # DeepSeek's (16 x 16 of 1024, RMSNorm) and Sapiens2's (16 x 12 of 768, class tokens) patch flattening
        m, meta = case_nhwctok(c, h, w, tail)
        out[f"nhwctok_c{c}_h{h}_w{w}_{tail}"] = m, {"case": "nhwctok", "c": c, "h": h, "w": w, "tail": tail}
    for c, hw, form, blocks in ((32, 40, "var", 2), (64, 20, "var", 1), (128, 10, "var", 1), (256, 5, "var", 1),
                                (96, 32, "var", 1), (48, 14, "var", 1), (384, 8, "var", 1), (32, 40, "rms", 1),
                                (128, 10, "rms", 1), (256, 5, "rms", 1), (32, 40, "mean", 1), (128, 10, "mean", 1),
                                (32, 40, "ln", 2), (128, 10, "ln", 1), (256, 5, "ln", 1), (96, 32, "ln", 1),
                                (32, 40, "mv", 1), (128, 10, "mv", 1), (32, 40, "varkd1", 1), (128, 10, "varkd1", 1),
                                (256, 1, "var", 1), (64, 1, "var", 1), (256, 1, "rms", 1), (256, 1, "mean", 1),
                                (128, 20, "var", 1), (64, 8, "var", 1), (8, 1, "ln", 1), (64, 1, "ln", 1),
                                (256, 1, "ln", 1), (32, 2, "ln", 1), (16, 4, "ln", 1)):
        # ConvNeXt-RMS (unseen set 8, dynamo opset 18, 160 px): 32 x 40 x 40 to 256 x 5 x 5, its norm written out, and
        # its head's norm on the pooled [1, 1, 1, 256]; a global-context block's LayerNorm2d over its pooled [1, C, 1, 1]
        # (unseen set 21's GC-ResNeXt26ts: 8 to 64 channels, on the NPU on rk2118 float16 with 2.3.2)
        m, meta = case_nhwc_rms(c, hw, form, blocks)
        out[f"nhwc_rms_{form}_c{c}_hw{hw}_b{blocks}"] = m, {"case": "nhwc_rms", "c": c, "hw": hw, "form": form,
                                                          "blocks": blocks}
    for c, hw, front in ((16, 64, "conv"), (64, 32, "conv"), (32, 32, "elt")):
        m, meta = case_inorm(c, hw, front)
        out[f"inorm_{front}_c{c}_hw{hw}"] = m, {"case": "inorm", "c": c, "hw": hw, **meta}
    for c, hw in ((64, 32), (96, 14)):
        m, meta = case_gn1(c, hw)
        out[f"gn1_c{c}_hw{hw}"] = m, {"case": "gn1", "c": c, "hw": hw}
    for c, h, w, front, shaped in ((128, 10, 10, "conv", True), (128, 10, 10, "add", True), (256, 5, 5, "add", True),
                                   (256, 5, 5, "conv", False), (64, 32, 32, "conv", True), (96, 14, 14, "add", True),
                                   (32, 8, 8, "add", True), (64, 20, 20, "add", True), (512, 7, 7, "add", True),
                                   (192, 4, 4, "add", True), (128, 10, 10, "add", False), (64, 6, 8, "add", True),
                                   (64, 8, 6, "add", True), (64, 2, 8, "add", True), (64, 12, 12, "add", True)):
        # timm CPUBone's GroupNorm(1): 128 x 10 x 10 and 256 x 5 x 5 at 160 px, behind a Conv or a residual Add
        m, meta = case_gn1s(c, h, w, front, shaped)
        out[f"gn1s_c{c}_h{h}_w{w}_{front}{'' if shaped else '_const'}"] = m, {
            "case": "gn1s", "c": c, "h": h, "w": w, "front": front, "shaped": shaped}
    for c, groups, hw, front, zero in (
            (64, 32, 16, "conv", ""), (128, 32, 16, "conv", ""), (256, 32, 16, "conv", ""), (512, 32, 16, "conv", ""),
            (1024, 32, 8, "conv", ""), (96, 32, 16, "conv", ""), (192, 32, 16, "conv", ""), (128, 32, 32, "conv", ""),
            (128, 32, 8, "conv", ""), (64, 32, 64, "conv", ""), (256, 32, 32, "add", ""), (512, 32, 16, "add", ""),
            (64, 32, 32, "add", ""), (32, 8, 16, "conv", ""), (64, 8, 16, "conv", ""), (128, 8, 16, "conv", ""),
            (16, 8, 16, "conv", ""), (256, 32, 16, "conv", "init"), (256, 32, 16, "conv", "identity"),
            (128, 1, 16, "conv", ""), (256, 1, 8, "add", ""), (64, 32, 16, "conv", "init"),
            (64, 32, 16, "conv", "identity")):
        # timm ResNet-50-GN / BiT's GroupNorm(32) (unseen set 8), groups of 2 to 32 channels; one group (CPUBone)
        m, meta = case_gnorm(c, groups, hw, front, zero)
        out[f"gnorm_c{c}_g{groups}_hw{hw}_{front}{'_zero_' + zero if zero else ''}"] = m, {
            "case": "gnorm", "c": c, "groups": groups, "hw": hw, "front": front, "zero": zero}
    for c, groups, hw in ((80, 10, 14), (480, 60, 14), (192, 24, 7), (144, 18, 28), (128, 16, 14), (128, 16, 16),
                          (64, 8, 12), (64, 8, 20), (128, 32, 14), (64, 8, 7), (64, 8, 10), (64, 8, 18),
                          (64, 8, 6), (64, 8, 24), (64, 8, 36), (64, 8, 9)):
        # timm EfficientNet-B0-GN's groups of 8 channels (unseen set 14) on 7 x 7 to 28 x 28 maps
        m, meta = case_gnorm(c, groups, hw)
        out[f"gnormhw_c{c}_g{groups}_hw{hw}"] = m, {"case": "gnormhw", "c": c, "groups": groups, "hw": hw,
                                                   "front": "conv", "zero": ""}
    for c, groups, hw in ((1024, 32, 14), (512, 32, 14), (512, 32, 7), (2048, 32, 7), (64, 32, 14), (64, 32, 7),
                          (128, 32, 7), (384, 32, 10), (96, 32, 14), (128, 1, 14), (256, 1, 7)):
        # timm ResNetV2-50-D-GN's GroupNorm(32) on 14 x 14 and 7 x 7 maps (unseen set 14): 2 to 64 channels a group
        m, meta = case_gnorm(c, groups, hw)
        out[f"gnormhw2_c{c}_g{groups}_hw{hw}"] = m, {"case": "gnormhw2", "c": c, "groups": groups, "hw": hw,
                                                     "front": "conv", "zero": ""}
    for c, hw in ((32, 64), (32, 88), (32, 92), (32, 96), (32, 112), (32, 128), (16, 112), (64, 112), (64, 64)):
        # one channel a group (ResNetV2-50-D-GN's stem, GroupNorm(32, 32) on 112 x 112, unseen set 14): the toolkit
        # transposes [1, C, 1, H*W] to [1, H*W, 1, C] around the exNorm layer
        m, meta = case_gnorm(c, c, hw)
        out[f"gnormcg1_c{c}_hw{hw}"] = m, {"case": "gnormcg1", "c": c, "groups": c, "hw": hw, "front": "conv",
                                           "zero": ""}
    for c, groups, hw in ((24, 3, 56), (24, 3, 40), (24, 3, 32), (24, 3, 28), (40, 5, 56), (40, 5, 40), (48, 3, 56),
                          (64, 4, 56), (72, 9, 32)):
        # an odd number of groups of 8 channels (EfficientNet-B0-GN's 24-channel blocks, 3 groups on 56 x 56): the
        # toolkit may transpose [1, G, 1, L] to [1, L, 1, G] around the exNorm layer
        m, meta = case_gnorm(c, groups, hw)
        out[f"gnormgodd_c{c}_g{groups}_hw{hw}"] = m, {"case": "gnormgodd", "c": c, "groups": groups, "hw": hw,
                                                      "front": "conv", "zero": ""}
    for c, hw, tail in ((48, 44, "slice"), (48, 44, "convpool"), (96, 22, "concat"), (192, 11, "resize"),
                        (48, 44, "conv"), (96, 22, "convpool"), (192, 12, "resize"), (96, 24, "concat"),
                        (116, 28, "conv"), (96, 22, "slice")):
        # FastestDet's stage-end shuffles (unseen set 14: 48 x 44 x 44, 96 x 22 x 22, 192 x 11 x 11)
        m, meta = case_chshuf(c, hw, tail)
        out[f"chshuf_c{c}_hw{hw}_{tail}"] = m, {"case": "chshuf", "c": c, "hw": hw, **meta}
    for n, heads, d in ((196, 6, 64), (197, 6, 64), (50, 2, 32), (730, 2, 32), (196, 3, 64)):
        # timm ViT-srelpos's qkv Linear without a bias (unseen set 14: 196 tokens, 6 heads of 64)
        m, meta = case_attn(n, heads, d, nobias=True)
        out[f"attnnb_n{n}_h{heads}_d{d}"] = m, {"case": "attnnb", "n": n, "heads": heads, "d": d}
    for h, w, src in ((256, 448, "slice"), (256, 448, "add"), (128, 224, "slice"), (128, 224, "add"),
                      (64, 112, "slice"), (64, 64, "add"), (32, 56, "slice"), (96, 96, "add")):
        # RIFE's warps at 256 x 448 (unseen set 14)
        m, meta = case_flowwarp(h, w, src)
        out[f"flowwarp_h{h}_w{w}_{src}"] = m, {"case": "flowwarp", "h": h, "w": w, **meta}
    for h, w in ((52, 52), (40, 40)):  # YOLOX's levels with [1, C, -1] computed from Shape (unseen set 7)
        m, meta = case_yhead3(h, w, (4, 1, 1), "tp", shaped=True)
        out[f"yhead3_shaped_tp_c6_h{h}_w{w}"] = m, {"case": "yhead3_shaped", "h": h, "w": w, "parts": [4, 1, 1],
                                                    "tail": "tp", "shaped": True}
    for c, k, group in ((480, 5, 480), (64, 3, 64), (480, 1, 1)):
        # CondConv's depthwise weights (EfficientNet-CC-B0's 5 x 5 at 480 channels) and a pointwise one (230400 features)
        m, meta = case_condconv(c, k, group)
        out[f"condconv_c{c}_k{k}_g{group}"] = m, {"case": "condconv", "c": c, "k": k, "group": group}
    for b, h, w, d, rank in ((1, 8, 8, 32, 5), (4, 8, 8, 32, 5), (12, 16, 16, 64, 5), (48, 8, 8, 64, 5),
                             (4, 14, 14, 32, 5), (4, 8, 8, 32, 4), (12, 16, 16, 64, 4)):
        # SAM ViT's relative positions: windows of 8 x 8 (12 heads x 4 windows at 256 px), global 16 x 16
        m, meta = case_relpos(b, h, w, d, rank)
        out[f"relpos{rank}_b{b}_h{h}_w{w}_d{d}"] = m, {"case": "relpos", "b": b, "h": h, "w": w, "d": d, "rank": rank}
    for c in (1, 4, 10):
        for hw in (40, 20, 10):
            for sig in ((0, 1) if c == 1 else (0,)):
                # YuNet's heads at 320 px: strides 8, 16, 32; the class and objectness maps through a Sigmoid
                m, meta = case_headflat(c, hw, bool(sig))
                out[f"headflat_c{c}_hw{hw}{'_sig' if sig else ''}"] = m, {"case": "headflat", "c": c, "hw": hw,
                                                                         "sigmoid": bool(sig)}
    for n, c, br in ((197, 384, 2), (50, 192, 2), (64, 256, 2), (196, 128, 3)):
        # ViT-S 18x2's parallel attention / MLP pairs (197 tokens of 384), and other token counts and widths
        m, meta = case_stackrows(n, c, br)
        out[f"stacksum_n{n}_c{c}_b{br}"] = m, {"case": "stackrows", "n": n, "c": c, "branches": br}
    for hw, win, c, heads in ((56, 7, 96, 3), (28, 7, 192, 6), (14, 7, 384, 12), (7, 7, 768, 24), (28, 14, 192, 6)):
        # Swin-T / Swin-S3-T's stages at 224 px: 64 to 1 windows of 7 x 7, 4 windows of 14 x 14
        m, meta = case_swinwin(hw, win, c, heads)
        out[f"swinwin_hw{hw}_w{win}_c{c}_h{heads}"] = m, {"case": "swinwin", "hw": hw, "win": win, "c": c,
                                                           "heads": heads}
    for hw, win, c, heads, merge in ((56, 7, 96, 3, 1), (28, 7, 192, 6, 1), (14, 7, 384, 12, 1), (7, 7, 768, 24, 0),
                                     (64, 8, 96, 3, 1), (32, 8, 192, 6, 1), (16, 8, 384, 12, 0), (28, 7, 192, 6, 0),
                                     (24, 12, 128, 4, 1)):
        # Hugging Face Swin-T's stages at 224 px (64 to 1 windows of 7 x 7, q / k / v Linears of their own), window 8's
        # at 256 px, 4 windows of 12 x 12; the patch merging after the block but for the last stage's
        m, meta = case_hfswin(hw, win, c, heads, bool(merge))
        out[f"hfswin_hw{hw}_w{win}_c{c}_h{heads}{'' if merge else '_nomerge'}"] = m, {
            "case": "hfswin", "hw": hw, "win": win, "c": c, "heads": heads, "merge": bool(merge)}
    for hw, win, c, heads in ((56, 7, 96, 3), (28, 7, 192, 6), (14, 7, 384, 12), (64, 8, 96, 3), (32, 8, 192, 6)):
        # the shifted blocks of those stages (Swin-T's every second block), no merging after
        m, meta = case_hfswin(hw, win, c, heads, False, True)
        out[f"hfswin_hw{hw}_w{win}_c{c}_h{heads}_shift"] = m, {
            "case": "hfswin", "hw": hw, "win": win, "c": c, "heads": heads, "merge": False, "shift": True}
    for past, c, heads, s_ in ((24, 384, 6, 1500), (23, 384, 6, 1500), (15, 384, 6, 1500), (24, 256, 4, 64),
                               (31, 256, 4, 100), (24, 384, 6, 100), (63, 384, 6, 1500), (8, 512, 8, 1500)):
        # unseen set 18's Whisper-tiny-like step (P = 24 cached tokens, S = 1500 encoder frames) and P + 1 a multiple of
        # 4 / 8 / 16 or not, a shorter encoder memory, other widths
        m, meta = case_kvstep(past, c, heads, s_)
        out[f"kvstep_p{past}_c{c}_h{heads}_s{s_}"] = m, {"case": "kvstep", "past": past, "c": c, "heads": heads,
                                                         "s": s_}
    for h, w, win, c, heads, merge in ((96, 80, 10, 96, 3, 1), (48, 40, 10, 192, 6, 1), (24, 20, 10, 384, 12, 1),
                                       (12, 10, 10, 768, 24, 0), (100, 80, 10, 96, 3, 1), (56, 56, 7, 96, 3, 1),
                                       (54, 54, 7, 96, 3, 1), (80, 96, 10, 96, 3, 1), (40, 40, 10, 96, 3, 1),
                                       (36, 36, 10, 96, 3, 1), (56, 42, 7, 96, 3, 1), (54, 40, 7, 96, 3, 1),
                                       (64, 48, 8, 96, 3, 1)):
        # Donut's stages at 384 x 320 (window 10, H padded to 100, 50, 30, 20: unseen set 18), the same map unpadded
        # (100 x 80), Swin-T's first stage in this spelling (56, window 7), a padded square (54 -> 56) and W padded;
        # squares of window 10 (40, 36 -> 40), rectangles of window 7 (56 x 42, 54 x 40 -> 56 x 42) and 8 (64 x 48)
        m, meta = case_hfswinpad(h, w, win, c, heads, bool(merge))
        out[f"hfswinpad_h{h}_w{w}_win{win}_c{c}_h{heads}{'' if merge else '_nomerge'}"] = m, {
            "case": "hfswinpad", "h": h, "w": w, "win": win, "c": c, "heads": heads, "merge": bool(merge)}
    for hw, win, c, heads, cos in ((64, 8, 96, 3, 1), (32, 8, 192, 6, 1), (16, 8, 384, 12, 1), (8, 8, 768, 24, 1),
                                   (56, 7, 96, 3, 1), (28, 7, 192, 6, 1), (32, 16, 192, 6, 1), (24, 8, 96, 3, 1),
                                   (64, 8, 96, 3, 0), (16, 8, 384, 12, 0)):
        # SwinV2-T window 8's stages at 256 px (64 to 1 windows of 8 x 8), windows of 7 x 7, 16 x 16, 9 windows of 8 x 8;
        # the same spelling without the cosine attention (q scaled) at 64 and 4 windows
        m, meta = case_swinv2win(hw, win, c, heads, bool(cos))
        out[f"swinv2win_hw{hw}_w{win}_c{c}_h{heads}{'' if cos else '_dot'}"] = m, {
            "case": "swinv2win", "hw": hw, "win": win, "c": c, "heads": heads, "cos": bool(cos)}
    for hw, c, win in ((64, 96, 8), (32, 192, 8), (16, 384, 8), (56, 96, 7), (28, 192, 7), (48, 64, 8)):
        # SwinV2-T window 8's merges at 256 px (into 16, 4 and 1 windows), window 7's at 224, a narrower one
        m, meta = case_swinv2merge(hw, c, win)
        out[f"swinv2merge_hw{hw}_c{c}_w{win}"] = m, {"case": "swinv2merge", "hw": hw, "c": c, "win": win}
    for hw, c, win, tail in ((64, 96, 8, "mlp"), (32, 192, 8, "mlp"), (16, 384, 8, "mlp"), (16, 384, 8, "head"),
                             (32, 192, 8, "head"), (28, 192, 7, "head")):
        # with the block's MLP behind (Swin-V2's layout), and the network's end behind that (the last stage: 1 window)
        m, meta = case_swinv2merge(hw, c, win, tail)
        out[f"swinv2merge_hw{hw}_c{c}_w{win}_{tail}"] = m, {"case": "swinv2merge", "hw": hw, "c": c, "win": win,
                                                              "tail": tail}
    for hw, win, c, heads in ((56, 7, 64, 2), (28, 7, 128, 4), (14, 7, 256, 8), (7, 7, 512, 16), (32, 8, 64, 2),
                              (16, 8, 96, 3)):
        # Twins-SVT-S's four stages at 224 px (64, 16, 4 and 1 windows of 7 x 7), and windows of 8 x 8 (64 tokens)
        m, meta = case_lsa(hw, win, c, heads)
        out[f"lsa_hw{hw}_w{win}_c{c}_h{heads}"] = m, {"case": "lsa", "hw": hw, "win": win, "c": c, "heads": heads}
    for c, hw, cast, square in ((64, 56, True, "mul"), (128, 28, True, "mul"), (256, 14, True, "mul"),
                                (512, 7, True, "mul"), (64, 56, False, "mul"), (128, 28, True, "pow"),
                                (256, 14, False, "pow"), (64, 16, True, "mul"), (32, 112, True, "mul")):
        # ResNetV2-50d-EvoS's norms at 224 px (64 to 512 of its channels, its stem's 32: one channel a group), without
        # the Cast, squared by Pow
        m, meta = case_evonorm(c, hw, 32, cast, square)
        out[f"evonorm_c{c}_hw{hw}_{'cast' if cast else 'nocast'}_{square}"] = m, {
            "case": "evonorm", "c": c, "hw": hw, "groups": 32, "cast": cast, "square": square}
    for n, m_, heads, d, mask in ((77, 77, 4, 64, True), (7, 7, 8, 32, False), (50, 50, 6, 64, False),
                                  (16, 16, 8, 32, False), (64, 64, 4, 64, False), (64, 7, 8, 16, False),
                                  (7, 64, 8, 32, False), (24, 77, 4, 64, False)):
        # CLIP's text encoder (77 tokens, causal mask), SAM's decoder tokens (7) and its cross attentions, and aligned
        # token counts
        m, meta = case_sepattn(n, m_, heads, d, mask)
        out[f"sepattn_n{n}_m{m_}_h{heads}_d{d}{'_mask' if mask else ''}"] = m, {
            "case": "sepattn", "n": n, "m": m_, "heads": heads, "d": d, "mask": mask}
    for n, heads, d, mask, kt, qel, scale in (
            (128, 12, 64, "input", "one", False, True), (128, 12, 64, "none", "one", False, True),
            (128, 12, 64, "none", "two", False, True), (128, 12, 64, "none", "one", True, True),
            (128, 12, 64, "input", "two", True, True), (64, 4, 64, "input", "one", False, True),
            (49, 3, 32, "none", "two", False, False), (50, 6, 64, "input", "one", False, True),
            (64, 4, 32, "input", "one", False, False), (128, 12, 64, "const", "one", False, True),
            (128, 12, 64, "where", "one", False, True), (64, 4, 64, "where", "one", False, True),
            (128, 12, 64, "where1e4", "one", False, True), (50, 6, 64, "where", "one", False, True),
            (128, 12, 64, "where", "two", True, True), (128, 12, 64, "expand", "one", False, True),
            (64, 4, 64, "relpos", "one", False, True)):
        # how the scores reach rk3566's CPU Softmax: BERT's input mask, k^T by two Transposes, RoFormer's rotary
        # elementwise q / k, unscaled (the issue-220 reproduction's 49 tokens of 3 heads), a constant mask
        m, meta = case_qkmask(n, heads, d, mask, kt, qel, scale)
        out[f"qkmask_n{n}_h{heads}_d{d}_{mask}_{kt}{'_el' if qel else ''}{'' if scale else '_noscale'}"] = m, {
            "case": "qkmask", "n": n, "heads": heads, "d": d, "mask": mask, "kt": kt, "qel": qel, "scale": scale}
    for n, heads, d, mask in ((433, 6, 64, False), (433, 6, 64, True), (128, 12, 64, True), (128, 12, 64, False),
                              (64, 4, 32, True), (50, 4, 32, True), (196, 6, 64, False), (16, 4, 32, True)):
        # torch's masked SDPA (Where(IsNaN(p), 0, p) after the Softmax): Depth-Anything-S at 252 x 336 (433 tokens),
        # DistilBERT at 128, MobileBERT at 64; a class token's 50, 196 patches, 16
        m, meta = case_sepattn(n, n, heads, d, mask, safe=True)
        out[f"safesm_n{n}_h{heads}_d{d}{'_mask' if mask else ''}"] = m, {
            "case": "safesm", "n": n, "m": n, "heads": heads, "d": d, "mask": mask}
    for n, heads, d in ((577, 12, 64), (400, 12, 64), (300, 12, 64), (341, 12, 64), (342, 12, 64), (197, 12, 64),
                        (1024, 4, 64), (1025, 4, 64), (2048, 2, 64), (256, 8, 128)):
        # v's head split by its size on rk2118 (unseen sets 15 / 18: OWL-ViT's [1, 577, 12, 64] on the CPU, Donut's
        # and Swin-T's windows on the CPU from about 300k values, on the NPU at 230k and less): elements around 2^18
        m, meta = case_sepattn(n, n, heads, d)
        out[f"vsz_n{n}_h{heads}_d{d}"] = m, {"case": "vsz", "n": n, "m": n, "heads": heads, "d": d, "mask": False}
    for n, heads, safe in ((433, 1, True), (433, 6, False), (50, 6, True), (97, 6, True), (129, 6, True),
                           (197, 6, True), (256, 6, True), (257, 6, True), (301, 6, True), (325, 6, True),
                           (400, 6, True), (432, 6, True), (434, 6, True), (577, 6, True), (197, 6, False),
                           (300, 4, True), (200, 12, True), (433, 2, True), (433, 3, True), (128, 24, True),
                           (160, 16, True), (384, 3, True), (512, 1, True), (640, 1, True)):
        # which sizes put the q @ k^T product's Transpose on the CPU on rk3588 fp16 (safesm: 433 tokens did, 50 and 16
        # to 196 did not): the class-token counts of ViTs (197, 257, 577), aligned and odd neighbours of 433, fewer or
        # more heads at one count (heads x N x N about 393216, 256 x 256 x 6), and the plain Softmax (no IsNaN)
        m, meta = case_sepattn(n, n, heads, 64, False, safe=safe)
        out[f"safesz_n{n}_h{heads}{'' if safe else '_plain'}"] = m, {
            "case": "safesz", "n": n, "m": n, "heads": heads, "d": 64, "mask": False, "safe": safe}
    for hw, c, pad, norm in ((56, 96, True, "written"), (28, 192, True, "written"), (14, 384, True, "written"),
                             (28, 64, False, "written"), (28, 96, True, "op"), (16, 128, False, "op")):
        # Swin-S3-T's three patch mergings (224 px), without the Pad, and with LayerNormalization
        m, meta = case_pmerge(hw, c, pad, norm)
        out[f"pmerge_hw{hw}_c{c}_{'pad' if pad else 'nopad'}_{norm}"] = m, {"case": "pmerge", "hw": hw, "c": c,
                                                                             "pad": pad, "norm": norm}
    for heads, d, hw, qs, kvs, sc in ((1, 96, 32, 1, 4, 1), (2, 96, 32, 2, 2, 1), (2, 96, 16, 1, 2, 1),
                                      (4, 96, 8, 1, 1, 1), (8, 96, 4, 1, 1, 1), (4, 64, 16, 2, 1, 0), (1, 32, 8, 1, 1, 0)):
        # MViTv2-T at 128 px: stage 1 (1 head of 96, kv pooled 4x), stage 2's blocks (q and kv 2x, kv 2x), stage 3's
        # and 4's; two more written without timm's ScatterND
        m, meta = case_mvitpool(heads, d, hw, qs, kvs, bool(sc))
        out[f"mvitpool_h{heads}_d{d}_hw{hw}_q{qs}_kv{kvs}{'_sc' if sc else ''}"] = m, {
            "case": "mvitpool", "heads": heads, "d": d, "hw": hw, "q_stride": qs, "kv_stride": kvs, "scatter": bool(sc)}
    for b, n, d, shared, bias in ((4, 64, 32, True, False), (4, 64, 32, False, False), (1, 196, 64, True, False),
                                  (4, 64, 32, True, True)):
        m, meta = case_kvshared(b, n, d, shared, bias)
        out[f"kvshared_b{b}_n{n}_d{d}_{'shared' if shared else 'own'}{'_bias' if bias else ''}"] = m, {
            "case": "kvshared", "b": b, "n": n, "d": d, "shared": shared, "bias": bias}
    for data_use in (False, True):
        m, meta = case_shapeonly(data_use)
        out[f"shapeonly_{'data' if data_use else 'shape'}_add"] = m, {"case": "shapeonly", "data_use": data_use}
    for hw, grid, c in ((32, 4, 96), (16, 4, 192), (8, 4, 384), (4, 4, 768), (56, 7, 64), (28, 7, 128), (14, 7, 256),
                        (7, 7, 512), (16, 8, 64), (32, 8, 32), (8, 2, 64), (24, 4, 96), (12, 4, 40), (16, 2, 96)):
        # MaxxViT-v2's grid attention: nano at 128 px (grid 4: 32 to 4 px), at 224 px (grid 7: 56 to 7 px), others
        m, meta = case_grid6(hw, grid, c)
        out[f"grid6_hw{hw}_g{grid}_c{c}"] = m, {"case": "grid6", "hw": hw, "grid": grid, "c": c}
    for n, c in ((197, 192), (32, 128), (1, 256)):
        m, meta = case_token(n, c)
        out[f"token_n{n}_c{c}"] = m, {"case": "token", "n": n, "c": c}
    for n, c in ((197, 192), (50, 256), (1, 256)):
        m, meta = case_token(n, c, ln=True)
        out[f"token_ln_n{n}_c{c}"] = m, {"case": "token", "n": n, "c": c, "ln": True}
    for n in (64, 196, 197, 200, 50, 730):
        m, meta = case_attn(n)
        out[f"attn_n{n}"] = m, {"case": "attn", "n": n, "heads": 2, "d": 32}
    for n in (50, 196):
        m, meta = case_attn(n, bias_first=True)
        out[f"attnb_n{n}"] = m, {"case": "attn", "n": n, "heads": 2, "d": 32, "bias_first": True}
    for n in (64, 196, 197):
        m, meta = case_attn(n, bias_first=True, xca=True)
        out[f"xca_n{n}"] = m, {"case": "xca", "n": n, "heads": 2, "d": 32, "bias_first": True}
    m, meta = case_attn(50, zero_proj=True)
    out["zero_attn_n50"] = m, {"case": "zero", "n": 50, "heads": 2, "d": 32, "zero": True}
    for zero in (True, False):
        m, meta = case_zero(32, 16, zero)
        out[f"zero_conv_c32_hw16{'' if zero else '_ctl'}"] = m, {"case": "zero", "c": 32, "hw": 16, "zero": zero}
        for scalar in (False, True):
            m, meta = case_zero_mul(32, 16, zero, scalar)
            out[f"zero_mul{'_sr' if scalar else ''}_c32_hw16{'' if zero else '_ctl'}"] = m, {
                "case": "zero", "c": 32, "hw": 16, "zero": zero, "op": "Mul", "input": "sr" if scalar else "-"}
    for c, hw in ((64, 7), (256, 14)):
        for zero in ("init", "bias", "ctl"):
            m, meta = case_zero_se(c, hw, zero)
            out[f"zero_se_c{c}_hw{hw}_{zero}"] = m, {"case": "zero_se", "c": c, "hw": hw, "zero": zero}
    for c, h, w in ((20, 48, 48), (80, 20, 20), (1, 64, 64), (20, 16, 16), (4, 8, 8), (80, 10, 10), (1, 128, 128),
                    (20, 24, 24)):
        m, meta = case_flattopk(c, h, w)
        out[f"flattopk_c{c}_h{h}_w{w}"] = m, {"case": "flattopk", "c": c, "h": h, "w": w}
    for size, nc in ((416, 80), (320, 80), (160, 80), (416, 1), (320, 8), (640, 80)):
        m, meta = case_nanohead(size, nc)
        out[f"nanohead_s{size}_nc{nc}"] = m, {"case": "nanohead", "size": size, "nc": nc}
    for c, h, w in ((17, 8, 6), (16, 8, 6), (32, 8, 6), (17, 4, 4), (17, 16, 12), (17, 7, 7), (17, 2, 2), (17, 64, 48)):
        m, meta = case_maptok(c, h, w)
        out[f"maptok_c{c}_h{h}_w{w}"] = m, {"case": "maptok", "c": c, "h": h, "w": w}
    for c, hw in ((128, 8), (256, 5), (512, 7), (1984, 5)):
        for axes in ((-1, -2), (2, 3)):
            for tail in ("conv", "flatten", "view"):
                m, meta = case_reduce_tail(c, hw, axes, tail)
                out[f"rtail_c{c}_hw{hw}_ax{''.join(str(a) for a in axes)}_{tail}"] = m, {
                    "case": "reduce_tail", "c": c, "hw": hw, "axes": list(axes), "tail": tail}
    for h, w in ((16, 16), (8, 8), (32, 32), (16, 8)):
        m, meta = case_seaaxial(h, w)  # SeaFormer's 1/16 stage of a 256 px image: 16 x 16, 4 heads of 16 / 32
        out[f"seaaxial_h{h}_w{w}"] = m, {"case": "seaaxial", "h": h, "w": w, "heads": 4, "dqk": 16, "dv": 32}
    for length, p in ((32000, 200), (16000, 200), (4000, 200), (1024, 200), (32000, 64), (4000, 64), (1024, 64),
                      (16000, 128)):
        m, meta = case_in3pad(length, p)  # Whisper's log-mel front: 2 s of 16 kHz audio, n_fft 400
        out[f"in3pad_l{length}_p{p}"] = m, {"case": "in3pad", "l": length, "p": p}
    for mode, front in (("constant", False), ("reflect", True), ("constant", True), ("edge", False)):
        for length, p in ((4000, 64), (1024, 200)):
            m, meta = case_in3pad(length, p, mode, front)
            out[f"in3pad_{mode}{'_conv' if front else ''}_l{length}_p{p}"] = m, {
                "case": "in3pad", "l": length, "p": p, "mode": mode, "front": front}
    for mode in ("reflect", "constant"):  # the channels or the graph input: a front Conv to one channel
        m, meta = case_in3pad(4000, 64, mode, True, fc=1)
        out[f"in3pad_{mode}_conv1_l4000_p64"] = m, {"case": "in3pad", "l": 4000, "p": 64, "mode": mode, "front": True,
                                                    "fc": 1}
    for lift in ("Unsqueeze", "Reshape"):  # silero-vad: a rank-2 waveform lifted to [1, 1, L] before its Pad
        for mode, length, p in (("reflect", 576, 64), ("reflect", 1024, 128), ("reflect", 4000, 200),
                                ("constant", 576, 64)):
            m, meta = case_in3pad(length, p, mode, lift=lift)
            out[f"in3pad_{mode}_{lift.lower()}_l{length}_p{p}"] = m, {
                "case": "in3pad", "l": length, "p": p, "mode": mode, "lift": lift}
    for rank in (3, 4):
        for floor in ("computed", "scalar", "channel", "ones", "one1", "leaky"):
            m, meta = case_maxs(rank, floor)
            out[f"maxs_r{rank}_{floor}"] = m, {"case": "maxs", "rank": rank, "floor": floor}
    for t, k, op, front in ((8, 27, "ReduceMean", "reshape"), (8, 10, "ReduceMean", "reshape"),
                            (8, 32, "ReduceMean", "reshape"), (4, 27, "ReduceMean", "reshape"),
                            (8, 400, "ReduceMean", "reshape"), (8, 27, "ReduceSum", "reshape"),
                            (8, 27, "ReduceMean", "relu"), (8, 16, "ReduceMean", "relu")):
        m, meta = case_clipmean(t, k, op, front)  # TSM's consensus: 8 frames, 27 classes
        out[f"clipmean_t{t}_k{k}_{op[6:].lower()}_{front}"] = m, {"case": "clipmean", "t": t, "k": k, "op": op,
                                                                   "front": front}
    for n, k in ((400, 300), (64, 16)):
        for offset in ("zero", "computed", "one"):
            m, meta = case_zero_add(n, k, offset)
            out[f"zero_add_{offset}_n{n}_k{k}"] = m, {"case": "zero_add", "n": n, "k": k, "zero": offset != "one",
                                                       "op": "Add", "input": offset}
    for c, hw in ((48, 32), (96, 32), (48, 16), (96, 16), (48, 8), (192, 8)):
        m, meta = case_glu(c, hw)
        out[f"glu_c{c}_hw{hw}"] = m, {"case": "glu", "c": c, "hw": hw, "split": True}
    m, meta = case_glu(96, 16, split=False)
    out["glu_nosplit_c96_hw16"] = m, {"case": "glu", "c": 96, "hw": 16, "split": False}
    m, meta = case_glu(96, 16, ln_res=True)
    out["glu_lnres_c96_hw16"] = m, {"case": "glu", "c": 96, "hw": 16, "split": True, "ln_res": True}
    m, meta = case_glu(48, 32, stages=2)
    out["glu2_c48_hw32"] = m, {"case": "glu", "c": 48, "hw": 32, "split": True, "ln_res": True, "stages": 2}
    for blocks, stages, c, hw in ((3, 1, 96, 16), (3, 1, 48, 32), (3, 2, 48, 32), (3, 1, 48, 16), (3, 1, 96, 32),
                                  (2, 1, 96, 16), (3, 1, 96, 8)):
        m, meta = case_glu(c, hw, ln_res=True, stages=stages, blocks=blocks)
        out[f"glu{stages}_b{blocks}_c{c}_hw{hw}"] = m, {"case": "glu", "c": c, "hw": hw, "split": True, "ln_res": True,
                                                        "stages": stages, "blocks": blocks}
    m, meta = case_glu(48, 32, ln_res=True, stages=2, blocks=3, head=True)
    out["glu2_b3_c48_hw32_head"] = m, {"case": "glu", "c": 48, "hw": 32, "split": True, "ln_res": True, "stages": 2,
                                       "blocks": 3, "head": True}
    for hw in (7, 14):
        m, meta = case_coat(hw)
        out[f"coat_hw{hw}"] = m, {"case": "coat", "hw": hw, "n": hw * hw + 1, "heads": 8, "d": 8}
    m, meta = case_attn(50, heads=8, d=8, bias_first=True, front_cat=True)
    # the same layers as attn; its Concat next to the graph input got the CPU Transpose the tiny models put after the
    # op in front of the attention (an edge effect real networks do not show): table it with --drop attncat
    out["attncat_h8_n50"] = m, {"case": "attncat", "n": 50, "heads": 8, "d": 8, "bias_first": True, "front_cat": True}
    for n in (50, 196, 197):
        m, meta = case_attn(n, heads=8, d=8, bias_first=True, factor=True)
        out[f"fattn_h8_n{n}"] = m, {"case": "fattn", "n": n, "heads": 8, "d": 8, "bias_first": True}
    for n, h, d in ((50, 8, 8), (197, 8, 8), (50, 2, 32)):  # is the proj Linear's CPU Transpose the output's?
        m, meta = case_attn(n, heads=h, d=d, bias_first=True, tail=True)
        out[f"attnt_h{h}_n{n}"] = m, {"case": "attn", "n": n, "heads": h, "d": d, "bias_first": True, "tail": True}
    for n in (50, 197):
        m, meta = case_attn(n, heads=8, d=8, bias_first=True)
        out[f"attnb_h8_n{n}"] = m, {"case": "attn", "n": n, "heads": 8, "d": 8, "bias_first": True}
    for n, heads, d, b in ((49, 3, 32, 64), (49, 3, 32, 16), (49, 6, 32, 16), (49, 3, 32, 4), (49, 12, 32, 4),
                           (64, 4, 16, 16)):  # Swin-T's windows (unseen set 9's Swin-V2-CR: 64 / 16 / 4 / 1 of 49)
        m, meta = case_attn(n, heads, d, b=b)
        out[f"attn_n{n}_h{heads}_d{d}_b{b}"] = m, {"case": "attn", "n": n, "heads": heads, "d": d, "b": b}
    for n, heads, d, b in ((16, 4, 20, 4), (4, 4, 24, 4), (64, 4, 16, 4), (16, 2, 32, 1)):  # MobileViT-xxs stages 3 / 4
        m, meta = case_attn(n, heads, d, b=b)
        out[f"attn_n{n}_h{heads}_d{d}_b{b}"] = m, {"case": "attn", "n": n, "heads": heads, "d": d, "b": b}
        if b > 1:
            m, meta = case_attn(n, heads, d, b=b, sdpa=True)
            out[f"attn_n{n}_h{heads}_d{d}_b{b}_sdpa"] = m, {"case": "attn", "n": n, "heads": heads, "d": d, "b": b,
                                                             "sdpa": True}
    for b, n, heads, d in ((64, 49, 3, 32), (16, 49, 6, 32), (4, 49, 12, 32), (16, 64, 4, 16), (4, 144, 4, 32),
                          (1, 49, 24, 32), (1, 196, 3, 64)):
        # windowed attention (Swin-T and Swin-V2-CR-T's stages at 224 px: 64 to 1 windows of 7 x 7; 8 x 8 and 12 x 12
        # windows; one image of 196 tokens): q, k, v taken out of the qkv Transpose by Gathers (torchvision) or by Split
        # + Squeeze (timm)
        for take in ("gather", "split"):
            m, meta = case_attn(n, heads, d, b=b, take=take)
            out[f"wtake_{take}_b{b}_n{n}_h{heads}_d{d}"] = m, {"case": "wtake", "n": n, "heads": heads, "d": d, "b": b,
                                                                "take": take}
    for b, n, heads, d in ((64, 49, 3, 32), (16, 49, 6, 32), (4, 49, 12, 32), (1, 196, 3, 64), (1, 49, 24, 32)):
        # Swin-V2-CR's cosine attention (q, k L2-normalised) over the same windows (and its last stage's one window
        # of 24 heads), q, k, v taken either way
        for take in ("gather", "split"):
            m, meta = case_attn(n, heads, d, b=b, take=take, cosine=True)
            out[f"wtake_{take}_cos_b{b}_n{n}_h{heads}_d{d}"] = m, {"case": "wtake", "n": n, "heads": heads, "d": d,
                                                                    "b": b, "take": take, "cosine": True}
            m, meta = case_attn(n, heads, d, b=b, take=take, qscale=True)
            out[f"wtake_{take}_qs_b{b}_n{n}_h{heads}_d{d}"] = m, {"case": "wtake", "n": n, "heads": heads, "d": d,
                                                                   "b": b, "take": take, "qscale": True}
    for n, take, part in ((32, "gather", "const"), (8, "gather", "const"), (100, "gather", "const"),
                          (32, "slice", "const"), (32, "gather", "input")):
        m, meta = case_catpart(n, take, part)
        out[f"catpart_{take}_{part}_n{n}"] = m, {"case": "catpart", "n": n, "take": take, "part": part}
    for k, n, d, wide, two in ((2, 1, 32, False, False), (2, 16, 32, False, False), (3, 1, 64, False, False),
                               (3, 1, 32, False, False), (2, 1, 64, False, False), (4, 1, 32, False, False),
                               (2, 1, 32, True, False), (2, 1, 32, False, True)):
        m, meta = case_pgather(k, n, d, wide, two)
        out[f"pgather_k{k}_n{n}_d{d}{'_wide' if wide else ''}{'_two' if two else ''}"] = m, {
            "case": "pgather", "k": k, "n": n, "d": d, "wide": wide, "two_ids": two}
    for b, n, heads, d in ((64, 49, 3, 32), (16, 64, 4, 16), (4, 144, 4, 32), (1, 196, 3, 64), (1, 64, 24, 32)):
        # torch dynamo's unbind(0): q, k, v taken out of the qkv Transpose by a Slice of one and a Squeeze each
        # (unseen set 14's SwinV2-T, cosine attention over 64 to 1 windows of 64 tokens), plain and cosine
        for cosine in (False, True):
            m, meta = case_attn(n, heads, d, b=b, take="slice", cosine=cosine)
            out[f"wtake_slice{'_cos' if cosine else ''}_b{b}_n{n}_h{heads}_d{d}"] = m, {
                "case": "wslice", "n": n, "heads": heads, "d": d, "b": b, "take": "slice", "cosine": cosine}
    for n, heads, d, prefix in ((257, 8, 64, 1), (65, 8, 64, 1), (64, 4, 32, 0), (197, 6, 64, 1), (50, 4, 128, 2)):
        # timm's RoPE ViT (medium: 8 heads of 64, a class token, 256 or 64 patches), smaller heads, no prefix, two
        # register tokens: q and k rotated after the take, interleaved pairs (strided Slices) or the rotate-half form
        for form in ("interleave", "half"):
            m, meta = case_attn(n, heads, d, rope=form, prefix=prefix)
            out[f"rope_{form}_n{n}_h{heads}_d{d}_p{prefix}"] = m, {"case": "rope", "n": n, "heads": heads, "d": d,
                                                                   "rope": form, "prefix": prefix}
    for n, heads, d, b in ((16, 4, 6, 49), (50, 6, 64, 1), (16, 4, 6, 1), (16, 4, 8, 49), (64, 4, 6, 16)):
        # TNT-S's inner (49 patches of 16 pixels, 4 heads of 6) and outer (50 tokens, 6 heads of 64) attention
        for bias in (False, True):
            m, meta = case_qkattn(n, heads, d, b, bias)
            out[f"qkattn_n{n}_h{heads}_d{d}_b{b}{'_bias' if bias else ''}"] = m, {
                "case": "qkattn", "n": n, "heads": heads, "d": d, "b": b, "bias": bias}
    for n, heads, d in ((256, 4, 12), (64, 4, 22), (16, 4, 42), (64, 4, 16), (256, 4, 8)):  # EdgeNeXt-xx-small's XCA
        m, meta = case_xca(n, heads, d)
        out[f"xca_n{n}_d{d}"] = m, {"case": "xca", "n": n, "heads": heads, "d": d}
    for c, h, w, oh, ow in ((32, 2, 2, 12, 24), (32, 3, 3, 13, 25), (32, 3, 3, 12, 24), (32, 6, 6, 12, 24),
                            (32, 2, 2, 8, 8), (32, 4, 4, 10, 10), (32, 2, 2, 9, 17), (32, 4, 4, 8, 8), (32, 6, 6, 11, 21),
                            (32, 3, 3, 5, 5), (32, 2, 3, 12, 24), (128, 2, 2, 24, 48)):  # Fast-SCNN's PPM upscales
        m, meta = case_resizeac(c, h, w, oh, ow)
        out[f"resizeac_c{c}_{h}x{w}_to_{oh}x{ow}"] = m, {"case": "resizeac", "op": "Resize", "c": c, "h": h, "w": w,
                                                      "oh": oh, "ow": ow}
    for side, c, act in ((40, 1, "Sigmoid"), (20, 1, "Sigmoid"), (10, 1, "Sigmoid"), (8, 1, "Sigmoid"),
                         (16, 1, "Sigmoid"), (40, 1, "none"), (10, 1, "none"), (40, 4, "Sigmoid")):
        m, meta = case_laysig(side, c, act)
        out[f"laysig_s{side}_c{c}_{act.lower()}"] = m, {"case": "laysig", "side": side, "c": c, "act": act}
    for cin, cout, k in ((256, 256, 3), (256, 128, 3), (128, 64, 3), (64, 32, 3), (32, 16, 3), (256, 3, 1), (32, 32, 3),
                         (64, 16, 3), (16, 64, 3), (512, 512, 3), (512, 256, 1), (128, 3, 1)):
        m, meta = case_demod(cin, cout, k)
        out[f"demod_i{cin}_o{cout}_k{k}"] = m, {"case": "demod", "cin": cin, "cout": cout, "k": k}
    for c, hw in ((32, 112), (64, 56), (256, 14), (512, 7)):
        for after in ("sqrt", "mul"):
            m, meta = case_gstd5(c, hw, after)
            out[f"gstd5_c{c}_hw{hw}_{after}"] = m, {"case": "gstd5", "c": c, "hw": hw, "after": after}
    for c, h, w in ((256, 8, 8), (256, 10, 10), (256, 12, 12), (256, 16, 16), (256, 18, 18), (256, 20, 20),
                    (128, 26, 26), (128, 30, 30), (256, 28, 14), (256, 14, 28), (32, 28, 28), (32, 14, 14)):
        m, meta = case_gstd5(c, h, "mul", w=w)
        out[f"gstd5_c{c}_{h}x{w}_mul"] = m, {"case": "gstd5", "c": c, "hw": h, "w": w, "after": "mul"}
    for k, a, sides, post in ((20, 9, (48, 24, 12, 6, 3), "sig"), (20, 9, (48, 24, 12, 6, 3), "none"),
                              (4, 9, (48, 24, 12, 6, 3), "none"), (2, 2, (40, 20, 10), "softmax"),
                              (2, 2, (40, 20, 10), "none"), (4, 2, (40, 20, 10), "none"), (10, 2, (40, 20, 10), "none"),
                              (16, 2, (16, 8), "none"), (1, 2, (16, 8), "sig"), (80, 1, (40, 20, 10), "sig"),
                              (4, 1, (40, 20, 10), "none"), (20, 9, (24, 12, 6), "sig"),
                              # YOLACT's heads (unseen set 12): boxes K = 4, classes K = 81 + Softmax, masks K = 32
                              (4, 3, (40, 20, 10, 5), "none"), (81, 3, (40, 20, 10, 5), "softmax"),
                              (32, 3, (40, 20, 10, 5), "none")):
        m, meta = case_lvlrows(k, a, sides, post)
        out[f"lvlrows_k{k}_a{a}_s{sides[0]}_{post}"] = m, {"case": "lvlrows", "k": k, "a": a, "sides": list(sides),
                                                          "post": post}
    for k, a, sides, post in ((6, 3, (48, 24, 12), "sig"), (85, 3, (40, 20, 10), "sig"), (6, 3, (48, 24, 12), "none"),
                              (2, 3, (40, 20, 10), "softmax"), (16, 3, (16, 8), "sig"), (1, 3, (16, 8), "sig")):
        m, meta = case_lvlrows(k, a, sides, post, rank5=True)
        out[f"lvlrows5_k{k}_a{a}_s{sides[0]}_{post}"] = m, {"case": "lvlrows5", "k": k, "a": a, "sides": list(sides),
                                                           "post": post}
    # the levels' Concat itself, by the rows stacked: 14322, 16320, 17295, 20655 rows in four levels of 3 anchors,
    # 24576 in two levels of 12288 (the largest level below the four-level ones' 13068 / 15552)
    for k, post in ((20, "sig"), (4, "none"), (32, "none"), (81, "softmax")):
        for sides in ((60, 30, 15, 7), (64, 32, 16, 8), (66, 33, 16, 8), (72, 36, 18, 9), (64, 64)):
            m, meta = case_lvlrows(k, 3, sides, post)
            out[f"lvlcat_k{k}_s{'x'.join(map(str, sides))}_{post}"] = m, {"case": "lvlcat", "k": k, "a": 3,
                                                                           "sides": list(sides), "post": post}
    # levels of an even but no multiple-of-4 row count (A = 2, odd sides), of an odd one at few rows (375, 1275, 2125)
    for k, a, sides, post in ((20, 2, (30, 15), "sig"), (20, 2, (60, 30, 15), "sig"), (20, 3, (10, 5), "sig"),
                              (20, 1, (40, 20, 10, 5), "sig"), (81, 3, (20, 10, 5), "softmax"), (4, 3, (20, 10, 5), "none"),
                              (6, 3, (30, 15), "sig")):
        m, meta = case_lvlrows(k, a, sides, post)
        out[f"lvlcat_k{k}_a{a}_s{'x'.join(map(str, sides))}_{post}"] = m, {"case": "lvlcat", "k": k, "a": a,
                                                                            "sides": list(sides), "post": post}
    for h, w, d, heads in ((32, 64, 32, 1), (64, 64, 32, 2), (128, 128, 32, 1), (16, 128, 64, 1), (32, 32, 32, 1)):
        m, meta = case_ktmm(h, w, d, heads)
        out[f"ktmm_{h}x{w}_d{d}_h{heads}"] = m, {"case": "ktmm", "h": h, "w": w, "d": d, "heads": heads}
    for h, w in ((128, 128), (64, 64), (32, 64)):
        m, meta = case_ktmm(h, w, 32, 1, norm=True)
        out[f"ktmm_{h}x{w}_d32_h1_l2"] = m, {"case": "ktmm", "h": h, "w": w, "d": 32, "heads": 1, "norm": True}
    for cin, cout, k, rank in ((256, 3, 1, 5), (64, 3, 1, 5), (64, 16, 1, 5), (64, 64, 1, 5), (64, 3, 3, 5),
                               (64, 16, 3, 5), (128, 64, 3, 5), (64, 3, 1, 4), (64, 64, 3, 4)):
        m, meta = case_modw(cin, cout, k, rank)
        out[f"modw{rank}_i{cin}_o{cout}_k{k}"] = m, {"case": "modw", "cin": cin, "cout": cout, "k": k, "rank": rank}
    for src, n, c, step in (("input", 1024, 3, 4), ("input", 1024, 3, 2), ("add", 1024, 3, 4), ("slice", 1024, 3, 4),
                            ("input", 512, 64, 4), ("map", 32, 16, 2)):
        m, meta = case_sslice(src, n, c, step)
        out[f"sslice_{src}_n{n}_c{c}_s{step}"] = m, {"case": "sslice", "src": src, "n": n, "c": c, "step": step}
    for t, c in ((336, 7), (96, 7), (336, 8), (336, 16), (96, 21), (512, 3), (96, 32)):
        m, meta = case_dlin(t, c)
        out[f"dlin_t{t}_c{c}"] = m, {"case": "dlin", "t": t, "c": c}
    for shape, reps, ones in (((1, 1, 32), (1, 60, 1), True), ((1, 1, 32), (1, 60, 1), False),
                              ((1, 4, 32), (1, 15, 1), False), ((1, 16, 1, 1), (1, 1, 8, 8), False),
                              ((1, 16, 4, 4), (1, 1, 2, 2), False)):
        m, meta = case_tilebc(shape, reps, ones)
        out[f"tilebc_{'x'.join(map(str, shape))}_by_{'x'.join(map(str, reps))}{'_ones' if ones else ''}"] = m, {
            "case": "tilebc", "shape": list(shape), "reps": list(reps), "ones_expand": ones}
    for op in ("Equal", "Slice", "Sigmoid"):
        m, meta = case_dupop(op)
        out[f"dupop_{op.lower()}"] = m, {"case": "dupop", "op": op}
    for c, hw in ((16, 16), (64, 20)):
        m, meta = case_dupop("ReduceMean", c, hw)
        out[f"dupop_reducemean_c{c}_hw{hw}"] = m, {"case": "dupop", "op": "ReduceMean", "c": c, "hw": hw}
    for same in (True, False):
        m, meta = case_dupidx(same)
        out[f"dupidx_{'same' if same else 'other'}"] = m, {"case": "dupidx", "same": same}
    for same in (True, False):
        m, meta = case_dupexp(same)
        out[f"dupexp_{'same' if same else 'other'}"] = m, {"case": "dupexp", "same": same}
    for g_, c, h, w, wt in ((3, 32, 32, 32, "const"), (3, 32, 48, 48, "const"), (3, 16, 64, 64, "const"),
                            (3, 16, 64, 72, "const"), (2, 8, 64, 64, "sig"), (3, 32, 64, 64, "sig"),
                            (4, 8, 96, 96, "sig"), (3, 32, 16, 16, "sig"), (2, 16, 128, 128, "const"),
                            (2, 32, 96, 96, "sig"), (3, 8, 160, 160, "const"), (3, 32, 72, 72, "sig")):
        m, meta = case_r5sum(g_, c, h, w, wt)
        out[f"r5sum_g{g_}_c{c}_{h}x{w}_{wt}"] = m, {"case": "r5sum", "g": g_, "c": c, "h": h, "w": w, "weight": wt,
                                                     "chw": c * h * w}
    for c, t, f in ((8, 63, 33), (3, 63, 129), (16, 32, 32), (8, 16, 16), (4, 8, 8)):
        m, meta = case_gtunfold(c, t, f)
        out[f"gtunfold_c{c}_t{t}_f{f}"] = m, {"case": "gtunfold", "c": c, "t": t, "f": f}
    for c, t, f, front in ((8, 63, 33, "slice"), (8, 63, 33, "slice_idx"), (8, 64, 32, "conv"), (8, 63, 32, "conv"),
                           (8, 64, 33, "conv"), (8, 32, 17, "conv"), (16, 63, 33, "slice")):
        m, meta = case_gtunfold(c, t, f, front=front)
        out[f"gtunfold_{front}_c{c}_t{t}_f{f}"] = m, {"case": "gtunfold", "c": c, "t": t, "f": f, "front": front}
    for c, t, f, front in ((8, 64, 32, "pow"), (8, 63, 32, "pow"), (8, 64, 33, "pow"), (8, 16, 17, "pow"),
                           (8, 17, 16, "pow"), (8, 63, 33, "pow"), (16, 63, 33, "pow"), (8, 32, 32, "pow"), (16, 16, 16, "pow"),
                           (8, 63, 33, "relu"), (32, 8, 8, "relu")):
        m, meta = case_powmean(c, t, f, front)
        out[f"powmean_{front}_c{c}_t{t}_f{f}"] = m, {"case": "powmean", "c": c, "t": t, "f": f, "front": front}
    for c, t, f in ((8, 63, 33), (16, 63, 33), (8, 32, 32), (32, 16, 17)):
        m, meta = case_powmean(c, t, f, "pow", "gru")
        out[f"powmean_gru_c{c}_t{t}_f{f}"] = m, {"case": "powmean", "c": c, "t": t, "f": f, "front": "pow",
                                                  "tail": "gru"}
    for t, f, c in ((63, 33, 16), (32, 16, 16), (16, 8, 8), (63, 33, 32)):
        m, meta = case_dpgru(t, f, c)
        out[f"dpgru_t{t}_f{f}_c{c}"] = m, {"case": "dpgru", "t": t, "f": f, "c": c}
    for t, f, c, paths, halves in ((63, 33, 16, "intra", 2), (63, 33, 16, "inter", 2), (63, 33, 16, "both", 1),
                                   (63, 33, 16, "intra", 1), (33, 63, 16, "intra", 2), (64, 32, 16, "both", 2),
                                   (64, 33, 16, "both", 2), (63, 32, 16, "both", 2), (48, 24, 16, "both", 2),
                                   (40, 20, 16, "both", 2), (33, 17, 16, "both", 2), (100, 50, 16, "both", 2),
                                   (63, 33, 8, "both", 2), (24, 12, 16, "both", 2), (32, 33, 16, "both", 2),
                                   (33, 16, 16, "both", 2)):
        # which of the block 2.5.0 pads the GRUs' inputs for (GTCRN's 63 x 33: all four; 32 x 16: none)
        m, meta = case_dpgru(t, f, c, paths=paths, halves=halves)
        out[f"dpgru_{paths}_h{halves}_t{t}_f{f}_c{c}"] = m, {"case": "dpgru", "t": t, "f": f, "c": c, "paths": paths,
                                                             "halves": halves}
    for t, f, c, intra, halves in ((63, 33, 16, "uni", 1), (63, 33, 16, "bi", 2), (63, 32, 16, "uni", 2),
                                   (64, 33, 16, "uni", 2)):
        # the intra path alone without its residual Add (slicegru, one GRU and no Add, put no Pad anywhere)
        m, meta = case_dpgru(t, f, c, intra=intra, paths="intra", halves=halves, res=False)
        out[f"dpgru_nores_{intra}_h{halves}_t{t}_f{f}_c{c}"] = m, {
            "case": "dpgru", "t": t, "f": f, "c": c, "intra": intra, "paths": "intra", "halves": halves, "res": False}
    for t, f, c, intra, halves in ((63, 33, 16, "uni", 1), (64, 33, 16, "uni", 2)):
        m, meta = case_dpgru(t, f, c, intra=intra, paths="intra", halves=halves)
        out[f"dpgru_intra_{intra}_h{halves}_t{t}_f{f}_c{c}"] = m, {
            "case": "dpgru", "t": t, "f": f, "c": c, "intra": intra, "paths": "intra", "halves": halves}
    for t, f, c, intra, inter in ((63, 33, 16, "uni", "uni"), (32, 16, 16, "uni", "uni"), (63, 33, 16, "bi", "bi"),
                                  (32, 16, 16, "bi", "bi"), (63, 33, 16, "uni", "bi")):
        m, meta = case_dpgru(t, f, c, intra, inter)
        out[f"dpgru_{intra}_{inter}_t{t}_f{f}_c{c}"] = m, {"case": "dpgru", "t": t, "f": f, "c": c, "intra": intra,
                                                           "inter": inter}
    for c, d, h, w, tail in ((16, 24, 64, 128, "conv3d"), (16, 8, 32, 64, "conv3d"), (8, 8, 32, 64, "conv3d"),
                             (32, 8, 32, 64, "conv3d"), (4, 4, 32, 64, "conv3d"), (16, 4, 16, 32, "conv3d"),
                             (16, 8, 32, 64, "cat4"), (8, 4, 32, 64, "cat4"), (3, 4, 32, 64, "cat4"),
                             # the rank-5 Concat's Reshape (D x H x W 24 x 64 x 128 on the CPU, 8 x 32 x 64 not): by size?
                             (16, 24, 32, 64, "conv3d"), (16, 8, 64, 128, "conv3d"), (16, 12, 64, 128, "conv3d"),
                             (16, 16, 64, 128, "conv3d"), (16, 24, 48, 96, "conv3d"), (16, 9, 64, 128, "conv3d"),
                             (16, 32, 32, 64, "conv3d"), (16, 6, 64, 128, "conv3d"), (16, 12, 32, 64, "conv3d"),
                             (16, 16, 32, 64, "conv3d"), (32, 24, 32, 64, "conv3d"), (16, 10, 32, 64, "conv3d"),
                             (16, 24, 16, 32, "conv3d")):
        m, meta = case_costvol(c, d, h, w, tail)
        out[f"costvol_{tail}_c{c}_d{d}_{h}x{w}"] = m, {"case": "costvol", "c": c, "d": d, "h": h, "w": w, "tail": tail}
    for t, f in ((63, 257), (32, 64), (16, 16), (63, 33), (64, 33), (63, 32), (64, 257), (16, 17), (17, 16)):
        m, meta = case_cpxout(t, f)
        out[f"cpxout_t{t}_f{f}"] = m, {"case": "cpxout", "t": t, "f": f}
    for t, d, side in ((64, 128, "both"), (128, 128, "both"), (16, 64, "both"), (63, 128, "both"), (64, 128, "tail"),
                       (64, 128, "head"), (32, 32, "tail"), (128, 256, "tail")):
        m, meta = case_tokshift(t, d, side)
        out[f"tokshift_{side}_t{t}_d{d}"] = m, {"case": "tokshift", "t": t, "d": d, "side": side}
    for c, hw, side in ((2, 32, "w"), (4, 32, "w"), (6, 32, "w"), (8, 32, "w"), (12, 32, "w"), (16, 32, "w"),
                        (24, 32, "w"), (32, 32, "w"), (4, 32, "h"), (8, 32, "h"), (16, 32, "hw"), (8, 20, "hw")):
        m, meta = case_padsp(c, hw, side)
        out[f"padsp_{side}_c{c}_hw{hw}"] = m, {"case": "padsp", "c": c, "hw": hw, "side": side}
    for parts, h, w, tail in (((4, 80), 40, 40, "out"), ((4, 80, 1), 40, 40, "out"), ((4, 81), 40, 40, "out"),
                              ((4, 79, 1), 40, 40, "out"), ((4, 80, 2), 40, 40, "out"), ((4, 80, 4), 40, 40, "out"),
                              ((2, 1), 40, 40, "out"), ((2, 2), 40, 40, "out"), ((3, 1), 40, 40, "out"),
                              ((8, 1), 40, 40, "out"), ((4, 80, 1), 40, 40, "op"), ((2, 1), 40, 40, "op"),
                              ((2, 1), 64, 84, "out"), ((4, 80, 1), 64, 84, "out")):
        # OBB heads' output Concat of boxes, classes and angle on the channel axis (unseen sets 12, 14, 17; issue 354)
        m, meta = case_chcat(parts, h, w, tail)
        out[f"chcat_{'_'.join(map(str, parts))}_{h}x{w}_{tail}"] = m, {"case": "chcat", "parts": list(parts), "h": h,
                                                                        "w": w, "n": h * w, "c": sum(parts), "tail": tail}
    for parts, h, w, tail, trig in (((4, 80, 1), 40, 40, "out", "sin"), ((4, 80, 1), 64, 84, "out", "sin"),
                                    ((2, 1), 40, 40, "out", "sin"), ((4, 80, 1), 40, 40, "out", "sin_nocat"),
                                    ((2, 1), 40, 40, "out", "sin_nocat"), ((4, 1), 40, 40, "out", "sin"),
                                    ((2, 80, 1), 40, 40, "out", "sin"), ((4, 80, 1), 40, 40, "op", "sin")):
        # the angle read by the rotation's Sin too (OBB heads, issue 354): the Concat beside a CPU op's input
        m, meta = case_chcat(parts, h, w, tail, trig)
        out[f"chcat_{trig}_{'_'.join(map(str, parts))}_{h}x{w}_{tail}"] = m, {
            "case": "chcat", "parts": list(parts), "h": h, "w": w, "n": h * w, "c": sum(parts), "tail": tail, "trig": trig}
    for c, hw, p in ((128, 56, 2), (256, 28, 2), (512, 14, 2), (1024, 7, 2), (64, 32, 2), (64, 16, 3), (32, 64, 2),
                     (96, 20, 2)):
        # SKResNeXt-50's four stages at 224 px, smaller widths, three paths
        m, meta = case_skattn(c, hw, p)
        out[f"skattn_c{c}_hw{hw}_p{p}"] = m, {"case": "skattn", "c": c, "hw": hw, "paths": p}
    for c, hw, p in ((64, 16, 2), (32, 16, 2), (16, 8, 2), (128, 56, 3), (256, 28, 3), (512, 14, 3), (1024, 7, 3),
                     (64, 32, 4)):
        # the same at other path counts and smaller maps: the path count against the size (c64_hw16 at 2 and 3)
        m, meta = case_skattn(c, hw, p)
        out[f"skattn_c{c}_hw{hw}_p{p}"] = m, {"case": "skattn", "c": c, "hw": hw, "paths": p}
    for c, hw in ((256, 7), (384, 7), (448, 7), (480, 7), (512, 7), (576, 7), (768, 7), (512, 4), (1024, 4),
                  (2048, 2), (256, 14), (384, 14), (128, 24), (96, 36), (160, 30), (64, 40)):
        # rk3588: the sums' and the stack's Reshapes by the width C at a small map (both sums on the CPU from C 512
        # at 14 and 7 px, none at C <= 256 below 65536 values), and the stack / Mul size edge (C*H*W) near 64k / 128k
        m, meta = case_skattn(c, hw, 2)
        out[f"skattnc_c{c}_hw{hw}_p2"] = m, {"case": "skattnc", "c": c, "hw": hw, "paths": 2}
    for heads, n, m in ((12, 49, 97), (4, 49, 97), (16, 49, 97), (8, 32, 63), (8, 64, 127), (12, 50, 99), (4, 16, 31),
                        (12, 100, 199)):
        # Wav2Vec2-Conformer's relative shift (unseen set 18: both Reshapes on the CPU on rk3588, the Pad not)
        m_, meta = case_relshift(heads, n, m)
        out[f"relshift_h{heads}_n{n}_m{m}"] = m_, {"case": "relshift", "heads": heads, "n": n, "m": m}
    for t, k, heads in ((128, 9, 6), (128, 7, 6), (64, 9, 6), (50, 9, 6), (128, 9, 4), (128, 8, 6), (49, 9, 4),
                        (32, 9, 8)):
        # ConvBERT's dynamic convolution kernel Reshape -> Softmax over the taps (unseen set 18: a CPU Reshape after it)
        m, meta = case_dynconv(t, k, heads)
        out[f"dynconv_t{t}_k{k}_h{heads}"] = m, {"case": "dynconv", "t": t, "k": k, "heads": heads}
    for n, k, op, hw in ((21, 3, "Div", 0), (21, 3, "Mul", 0), (21, 3, "Add", 0), (21, 3, "Sigmoid", 0),
                         (21, 3, "", 0), (33, 5, "Div", 0), (17, 3, "Mul", 0), (16, 8, "Div", 0), (17, 0, "Mul", 6),
                         (17, 0, "", 6), (17, 0, "Sigmoid", 6)):
        # BlazePose / MediaPipe hand landmarks [1, 21, 3] / 224 (unseen set 17: the CPU Reshape named after the Reshape)
        m, meta = case_outscale(n, k, op, hw)
        out[f"outscale_n{n}_k{k}_{op or 'none'}_hw{hw}"] = m, {"case": "outscale", "n": n, "k": k, "op": op or "none",
                                                               "hw": hw}
    for c, h, w, group in ((512, 15, 20, 8), (512, 30, 40, 8), (256, 15, 20, 1), (512, 15, 20, 512), (256, 7, 7, 4),
                           (256, 16, 20, 8), (256, 10, 10, 8), (256, 12, 12, 8)):
        # RegNetV-040's last stage (unseen set 21: a CPU Reshape after each grouped Conv at 15 x 20 with 2.3.0)
        m, meta = case_semean(c, h, w, group)
        out[f"semean_c{c}_{h}x{w}_g{group}"] = m, {"case": "semean", "c": c, "h": h, "w": w, "group": group}
    for kvh, rep, t, d in ((1, 4, 64, 128), (1, 8, 64, 32), (1, 4, 48, 64), (1, 2, 64, 64), (2, 4, 64, 64),
                           (3, 3, 48, 64), (4, 2, 64, 32), (2, 2, 64, 128)):
        # repeat_kv of Gemma (1 kv head of 4) / Falcon-MQA (1 of 8): their Expands on the CPU with 2.5.0 (sets 21, 22)
        m, meta = case_kvrep(kvh, rep, t, d)
        out[f"kvrep_kv{kvh}_r{rep}_t{t}_d{d}"] = m, {"case": "kvrep", "kvh": kvh, "rep": rep, "t": t, "d": d}
    for form, kvh, rep, t, d in (("proj", 2, 4, 64, 32), ("addc", 2, 4, 64, 32), ("rope", 2, 4, 64, 32),
                                 ("rope", 3, 3, 48, 64), ("rope", 4, 2, 64, 32), ("add2", 2, 4, 64, 32),
                                 ("mulc", 2, 4, 64, 32), ("cat", 2, 4, 16, 32), ("scat", 2, 4, 16, 32),
                                 ("scat", 4, 2, 1, 64), ("rope", 1, 4, 64, 32)):
        # repeat_kv by what makes the head (unseen sets 11, 20, 22: `Gather:<Unsqueeze>_gather` on the CPU, rv1106)
        m, meta = case_kvsrc(form, kvh, rep, t, d)
        out[f"kvsrc_{form}_kv{kvh}_r{rep}_t{t}_d{d}"] = m, {"case": "kvsrc", "form": form, "kvh": kvh, "rep": rep,
                                                            "t": t, "d": d}
    for c, t, hw in ((432, 4, 5), (432, 4, 10), (432, 4, 8), (432, 4, 20), (64, 8, 5), (64, 4, 12), (216, 4, 7)):
        # X3D's head Conv3d -> Relu -> pool (unseen set 21: its CPU Reshape at 5 x 5 on every rk3588 row)
        m, meta = case_c3dhead(c, t, hw)
        out[f"c3dhead_c{c}_t{t}_hw{hw}"] = m, {"case": "c3dhead", "c": c, "t": t, "hw": hw}
    for k, h, w, form in ((17, 64, 48, "gather"), (17, 32, 24, "gather"), (16, 64, 48, "gather"),
                          (21, 32, 32, "gather"), (17, 64, 48, "rank3"), (16, 32, 24, "rank3")):
        # an argmax pose decode's Sign refinement (unseen set 16: a CPU Reshape after each Sub into the Sign on rk3588)
        m, meta = case_signq(k, h, w, form)
        out[f"signq_{form}_k{k}_{h}x{w}"] = m, {"case": "signq", "k": k, "h": h, "w": w, "form": form}
    for form, n in (("deberta", 64), ("deberta", 128), ("deberta", 50), ("deberta", 16), ("direct", 64),
                    ("noemb", 64)):
        # DeBERTa-v2's int64 mask Unsqueezes (unseen set 17: the Unsqueezes' CPU Reshape / Transpose on rk3588)
        m, meta = case_dbmask(form, n)
        out[f"dbmask_{form}_n{n}"] = m, {"case": "dbmask", "form": form, "n": n}
    for n, d in ((68, 3), (21, 3), (64, 3), (68, 2), (16, 4), (16, 8), (64, 8), (106, 3)):
        # 3DDFA's 3DMM head (unseen set 16: both Reshapes [1, 12] -> [1, 3, 4], [1, 204, 1] -> [1, 68, 3] on the CPU)
        m, meta = case_dmm(n, d)
        out[f"dmm_n{n}_d{d}"] = m, {"case": "dmm", "n": n, "d": d}
    for heads, n, m in ((6, 128, 256), (6, 64, 255), (6, 32, 127), (6, 128, 255), (6, 64, 128), (6, 32, 64),
                        (6, 16, 32), (12, 128, 256), (8, 128, 256), (4, 128, 256), (6, 96, 192), (6, 256, 512),
                        (12, 64, 128), (16, 128, 256)):
        # Funnel-base's shift at its three blocks (128, 64, 32 tokens of 6 heads) and around them
        m_, meta = case_fshift(heads, n, m)
        out[f"fshift_h{heads}_n{n}_m{m}"] = m_, {"case": "fshift", "heads": heads, "n": n, "m": m}
    for heads, n, m in ((6, 128, 256), (6, 64, 255), (6, 32, 127), (6, 16, 32), (12, 128, 256), (8, 128, 256)):
        m_, meta = case_fshift(heads, n, m, front="einsum")  # the position scores by Funnel's Einsum
        out[f"fshifte_h{heads}_n{n}_m{m}"] = m_, {"case": "fshift", "heads": heads, "n": n, "m": m, "front": "einsum"}
    for heads, n, d in ((12, 49, 64), (4, 49, 64), (8, 49, 64), (16, 49, 64), (6, 49, 64), (12, 50, 64),
                        (12, 48, 64), (12, 64, 64), (12, 32, 64), (8, 32, 64), (12, 100, 64), (4, 16, 64),
                        (12, 49, 32), (8, 40, 64)):
        # the same shift behind the export's MatMul of q and the position projection (relshift_mm), by h, N and d
        m_, meta = case_relshift_mm(heads, n, d)
        out[f"relshiftmm_h{heads}_n{n}_d{d}"] = m_, {"case": "relshift_mm", "heads": heads, "n": n, "d": d}
    for k, h, w, src, form in ((17, 48, 48, "cpu", "r3"), (17, 48, 48, "npu", "r3"), (17, 48, 48, "cpu", "r3r"),
                               (17, 48, 48, "cpu", "r4"), (17, 48, 48, "cpu", "full"), (17, 48, 48, "cpu", "add"),
                               (16, 48, 48, "cpu", "r3"), (8, 32, 32, "cpu", "r3"), (17, 64, 48, "cpu", "r3"),
                               (16, 64, 64, "npu", "r3"), (17, 48, 48, "npu", "r4"), (16, 32, 32, "npu", "full"),
                               (17, 48, 48, "npu", "b0"), (17, 48, 48, "npu", "b1w"), (17, 48, 48, "npu", "b1c"),
                               (17, 48, 48, "npu", "scalar"), (16, 32, 32, "npu", "b1w")):
        # MoveNet-like decode's grid Subs (unseen set 18: both on the CPU on every rk3588 row, unpredicted)
        m, meta = case_bcsub(k, h, w, src, form)
        out[f"bcsub_k{k}_h{h}_w{w}_{src}_{form}"] = m, {"case": "bcsub", "k": k, "h": h, "w": w, "src": src,
                                                         "form": form}
    for h, w, c in ((96, 80, 96), (48, 40, 192), (24, 20, 384), (56, 56, 96), (28, 28, 192), (14, 14, 384),
                    (64, 64, 96), (32, 32, 96), (96, 96, 96), (80, 80, 96), (40, 40, 96), (48, 48, 96), (64, 80, 64),
                    (96, 80, 32)):
        # Donut's Swin stages at 384 x 320 (its Slices on the CPU, unseen set 18) against Swin-T's at 224 (NPU, set 15)
        m, meta = case_hfmerge(h, w, c)
        out[f"hfmerge_h{h}_w{w}_c{c}"] = m, {"case": "hfmerge", "h": h, "w": w, "c": c}
    for t, f, h1, h2, h3, n in ((10, 42, 24, 48, 96, 22), (10, 40, 24, 48, 96, 22), (10, 44, 24, 48, 96, 22),
                                (10, 48, 24, 48, 96, 16), (16, 42, 24, 48, 96, 22), (50, 42, 24, 48, 96, 22),
                                (10, 36, 20, 40, 80, 18), (10, 42, 32, 64, 96, 24)):
        # RNNoise's GRU chain (unseen set 17) by the features' width (the Concat widths 2 h1 + F, h1 + h2 + F)
        m, meta = case_gruchain(t, f, h1, h2, h3, n)
        out[f"gruchain_t{t}_f{f}_h{h1}_{h2}_{h3}_n{n}"] = m, {"case": "gruchain", "t": t, "f": f, "h1": h1, "h2": h2,
                                                                "h3": h3, "n": n}
    for c, h, w in ((256, 6, 6), (256, 10, 10), (256, 12, 12), (256, 5, 5), (64, 7, 7), (64, 14, 14), (32, 9, 9),
                    (128, 2, 4), (128, 4, 6), (128, 8, 8), (64, 6, 20), (128, 12, 10), (256, 3, 8), (512, 8, 8), (256, 12, 30), (128, 24, 45)):
        # rk3588: is it the map's H * W alignment (49, 196: the sums on the CPU; 16, 256, 400, 784: on the NPU)?
        m, meta = case_skattn(c, h, 2, w)
        out[f"skattnhw_c{c}_h{h}_w{w}_p2"] = m, {"case": "skattnhw", "c": c, "h": h, "w": w, "hw": h * w, "paths": 2}
    for c, hw in ((64, 7), (192, 14), (128, 28), (64, 56), (64, 16), (64, 8), (32, 32), (96, 12), (768, 7), (192, 7),
                  (416, 14), (768, 14)):
        m, meta = case_gcattn(c, hw)
        out[f"gcattn_c{c}_hw{hw}"] = m, {"case": "gcattn", "c": c, "hw": hw, "n": hw * hw}
    for c, hw in ((192, 14), (416, 14), (768, 14), (768, 7), (1248, 7), (64, 7), (128, 28), (96, 12), (64, 16)):
        # GC-EfficientNetV2's stages 4 to 6 at 224 px (14 x 14 and 7 x 7 maps), the block's map made by its SiLU
        m, meta = case_gcattn(c, hw, silu=True)
        out[f"gcattn_c{c}_hw{hw}_silu"] = m, {"case": "gcattn", "c": c, "hw": hw, "n": hw * hw, "silu": True}
    for k, st, c, rank, hw in ((32, 16, 1, 4, 20), (16, 8, 1, 4, 40), (16, 16, 1, 4, 20), (32, 8, 1, 4, 20),
                               (64, 32, 1, 4, 10), (32, 16, 16, 4, 20), (8, 8, 16, 4, 20), (256, 64, 256, 3, 64),
                               (64, 16, 64, 3, 64), (32, 16, 16, 3, 64), (16, 8, 16, 3, 64), (128, 32, 64, 3, 64),
                               (32, 32, 16, 4, 10)):
        m, meta = case_ctbig(k, st, c, rank, hw)
        out[f"ctbig_r{rank}_k{k}_s{st}_c{c}_hw{hw}"] = m, {"case": "ctbig", "k": k, "s": st, "c": c, "rank": rank,
                                                          "hw": hw}
    for n, to in ((128, "bool"), (64, "bool"), (16, "bool"), (128, "float"), (64, "float"), (16, "float"),
                  (128, "booland"), (16, "booland")):
        m, meta = case_maskcast(n, to)
        out[f"maskcast_{to}_n{n}"] = m, {"case": "maskcast", "n": n, "to": to}
    for n in (64, 128, 16):
        m, meta = case_maskgnd(n)
        out[f"maskgnd_n{n}"] = m, {"case": "maskgnd", "n": n}
    for form, n in (("idx", 128), ("idx", 64), ("idx", 16), ("flat", 128), ("flat", 16), ("unsq", 128), ("unsq", 16)):
        # transformers 5's mask (unseen sets 16 / 17: its last Reshape on the CPU, none on the mask input)
        m, meta = case_maskidx(n, form)
        out[f"maskidx_{form}_n{n}"] = m, {"case": "maskidx", "n": n, "form": form}
    for form, n in (("idx", 128), ("idx", 64), ("flat", 128), ("unsq", 128)):
        # with a BERT pooler's second graph output (unseen sets 16 / 17's RoBERTa, SqueezeBERT)
        m, meta = case_maskidx(n, form, pooled=True)
        out[f"maskidx_{form}_n{n}_pooled"] = m, {"case": "maskidx", "n": n, "form": form, "pooled": True}
    for form, n, k in (("eqmask", 96, 0), ("eqmask", 32, 0), ("eqpos", 128, 0), ("eqpos", 32, 0), ("reshape", 12, 0),
                       ("reshape", 77, 0), ("rsargmax", 12, 0), ("rsargmax", 77, 0), ("xpath", 128, 50),
                       ("xpath", 64, 8), ("rcast", 256, 0), ("rcast", 64, 0)):
        m, meta = case_idsin(form, n, k or 8)
        out[f"idsin_{form}_n{n}" + (f"_k{k}" if k else "")] = m, {"case": "idsin", "form": form, "n": n, "k": k}
    for form, n in (("rope", 128), ("rope", 32), ("mask", 128), ("mask", 32), ("both", 128)):
        m, meta = case_posin(form, n)
        out[f"posin_{form}_t{n}"] = m, {"case": "posin", "form": form, "t": n}
    for form, n in (("gather", 77), ("argmax", 77), ("argmax", 16), ("mask2", 128), ("mask2", 32), ("mask1", 128),
                    ("outer", 64), ("outer", 128), ("outer", 32)):
        m, meta = case_i64in(form, n)
        out[f"i64in_{form}_n{n}"] = m, {"case": "i64in", "form": form, "n": n}
    for n, d, br in ((197, 384, 2), (50, 64, 2), (16, 128, 2), (197, 384, 3), (64, 96, 2), (256, 32, 2), (197, 64, 2),
                     (196, 384, 2), (64, 384, 2), (50, 384, 2), (197, 128, 2), (197, 192, 2), (170, 384, 2),
                     (171, 384, 2), (256, 256, 2), (197, 320, 2), (577, 128, 2)):
        m, meta = case_stacksum(n, d, br)
        out[f"stacksum_n{n}_d{d}_b{br}"] = m, {"case": "stacksum", "n": n, "d": d, "branches": br}
    for c, hw in ((64, 16), (80, 8), (96, 4), (64, 8), (80, 16),  # MobileViT-xxs stages 2, 3, 4 and two between
                  (96, 32), (120, 16), (144, 8), (64, 32)):  # MobileViT-xs stages 2, 3, 4 (unseen set 16), one more
        m, meta = case_unfold(c, hw)
        out[f"unfold_c{c}_hw{hw}"] = m, {"case": "unfold", "c": c, "hw": hw}
    for c, hw in ((96, 32), (120, 16), (144, 8), (64, 32), (80, 16), (96, 8), (144, 32), (192, 16), (240, 8), (120, 32),
                  (96, 16), (120, 8)):
        # MobileViT-XS's three blocks at 256 px (C 96 / 120 / 144, 4 heads), XXS's (64 / 80 / 96), S's (144 / 192 /
        # 240), the XS widths at other map sizes
        m, meta = case_mvitdyn(c, hw)
        out[f"mvitdyn_c{c}_hw{hw}"] = m, {"case": "mvitdyn", "c": c, "hw": hw, "n": (hw // 2) ** 2, "d": c // 4}
    for c, hw in ((64, 32), (32, 64), (16, 64), (128, 32), (8, 128), (32, 32), (32, 40), (16, 48), (19, 60)):
        # 40 to 60 px: the `w<64` class (LEDNet's last Resize reads 45 x 60, unseen set 20)
        m, meta = case_resize(c, hw)
        out[f"resize_ac_c{c}_hw{hw}"] = m, {"case": "resize", "c": c, "hw": hw, "mode": "linear",
                                            "ctm": "align_corners"}
    for hw in (5, 8, 10, 14, 15, 16, 18, 20, 24, 28, 32, 40):
        m, meta = case_aattn(hw)
        out[f"aattn_hw{hw}"] = m, {"case": "aattn", "hw": hw}
    for h, w in ((13, 8), (8, 13), (12, 10), (20, 6), (8, 17), (16, 9)):  # N = 104, 120, 136, 144: 8 but not 16
        m, meta = case_aattn(h, w=w)  # YOLO11m's C2PSA at 416 x 256 (unseen set 17): 13 x 8
        out[f"aattn_h{h}_w{w}"] = m, {"case": "aattn", "hw": h, "w": w}
    for hw, areas in ((20, 4), (16, 4), (8, 4), (20, 1), (10, 1), (14, 4), (10, 4), (12, 4), (14, 1), (7, 1)):
        m, meta = case_aattn_area(hw, areas)
        out[f"aattn_area_hw{hw}_a{areas}"] = m, {"case": "aattn_area", "hw": hw, "areas": areas}
    for hw in (30, 26, 28, 32, 24, 40, 20, 36, 44, 18, 22):  # YOLO12s at 480 px (unseen set 16): 4 heads, 4 areas
        m, meta = case_aattn_area(hw, 4, heads=4)
        out[f"aattn_area_hw{hw}_a4_h4"] = m, {"case": "aattn_area", "hw": hw, "areas": 4, "heads": 4}
    for hw, areas in ((14, 4), (20, 4), (14, 1), (16, 4)):  # YOLO12n-cls's P4 A2C2f: 2 ABlocks of 14 x 14, 4 areas
        m, meta = case_aattn_area(hw, areas, blocks=2)
        out[f"aattn_area2_hw{hw}_a{areas}"] = m, {"case": "aattn_area2", "hw": hw, "areas": areas}
    for kind, c, hw in (("bcast", 34, 8), ("bcast", 66, 4), ("bcast3", 34, 8), ("same", 32, 16), ("chan", 32, 16),
                        ("const", 32, 16), ("mul", 32, 16)):
        m, meta = case_div(kind, c, hw)
        out[f"div_{kind}_c{c}_hw{hw}"] = m, {"case": "div", "c": c, "hw": hw, **meta}
    for n, heads, d in ((40, 8, 15), (40, 8, 16), (50, 8, 15), (64, 8, 15), (40, 2, 32), (197, 2, 32)):
        # PaddleOCR's recognisers (PP-OCRv4 / v5 / v6 small rec: 40 tokens, 8 heads of 15)
        m, meta = case_attn(n, heads, d, bias_first=True, tail=True, paddle=True)
        out[f"pattn_n{n}_h{heads}_d{d}"] = m, {"case": "pattn", "n": n, "heads": heads, "d": d, "bias_first": True,
                                               "tail": True, "paddle": True}
    for n, linear, softmax in ((8192, "matmul", True), (8193, "matmul", True), (12000, "matmul", True),
                               (8193, "matmul", False), (8192, "gemm", False), (8210, "gemm", False),
                               (8192, "none", True), (12000, "none", True),
                               # rv1106b int8 (whose Softmax after a Linear ran on the NPU in the calibration exports)
                               (1000, "matmul", True), (4096, "matmul", True), (4097, "matmul", True),
                               (6625, "matmul", True), (16384, "matmul", True), (16385, "matmul", True),
                               (18385, "matmul", True),
                               # rv1106 int8 (2.5.0: the Transpose back on the NPU at 8193, on the CPU at 12000)
                               (9000, "matmul", True), (10000, "matmul", True), (11000, "matmul", True),
                               (9216, "matmul", True), (9500, "matmul", True)):
        m, meta = case_wide(n, linear, softmax)
        out[f"wide_{linear}_n{n}{'_sm' if softmax and linear != 'none' else ''}"] = m, {
            "case": "wide", "n": n, "linear": linear, "softmax": softmax}
    for n, t in ((4096, 80), (6625, 20), (9000, 80), (12000, 20), (4096, 10), (8192, 20),  # is the limit N, or N x T?
                 # rk3566 (2.5.0): 4096 and 8192 on the NPU, 4097 and 6625 on the CPU, 4096 at T = 10 on the CPU
                 (1001, 40), (2049, 40), (4104, 40), (5000, 40), (6144, 40), (7000, 40), (4096, 20), (4096, 12),
                 (4096, 16), (8192, 10), (2048, 10), (1000, 10)):
        m, meta = case_wide(n, "matmul", True, t=t)
        out[f"wide_matmul_n{n}_t{t}_sm"] = m, {"case": "wide", "n": n, "t": t, "linear": "matmul", "softmax": True}
    for n, t, sm in ((192, 50, False), (576, 50, False), (768, 50, False), (1000, 50, False), (1000, 50, True),
                     (576, 10, False), (1000, 10, False)):
        # rk3566 2.3.x: DeiT / ViT-tiny at 112 px (50 tokens) kept their 192-768-feature Linears on the NPU
        m, meta = case_wide(n, "matmul", sm, t=t)
        out[f"wide_matmul_n{n}_t{t}{'_sm' if sm else ''}"] = m, {"case": "wide", "n": n, "t": t, "linear": "matmul",
                                                                  "softmax": sm}
    for n, t in ((51865, 1), (20000, 1), (12000, 1), (20000, 2), (20000, 4), (51865, 8), (12000, 8)):
        # a decoder step's vocabulary head (unseen set 18's Whisper-like decoder: [1, 1, 384] @ [384, 51865] on the NPU
        # on rk3562, rk2118, rv1106, rv1106b, past every family's wide_features_npu_max): is one row exempt?
        m, meta = case_wide(n, "matmul", False, t=t)
        out[f"wide1_matmul_n{n}_t{t}"] = m, {"case": "wide1", "n": n, "t": t, "linear": "matmul", "softmax": False}
    for n, t in ((51865, 1), (20000, 1), (20000, 2), (12000, 8)):
        # the head as the decoder has it: the tokens a graph input [1, T, C], a LayerNorm, the MatMul (no bias) the
        # output (rk2118 2.3.2 crashed on the Conv-fed one row above, SIGSEGV in `rknn building`)
        m, meta = case_wide1_ln(n, t)
        out[f"wide1_ln_n{n}_t{t}"] = m, {"case": "wide1", "n": n, "t": t, "linear": "ln", "softmax": False}
    for n, t in ((576, 50), (768, 50), (1000, 10), (768, 52)):
        m, meta = case_wide(n, "matmul", False, t=t, mid=True)
        out[f"wide_matmul_n{n}_t{t}_mid"] = m, {"case": "wide", "n": n, "t": t, "linear": "matmul", "softmax": False,
                                                "mid": True}
    for c, t in ((3, 1024), (40, 101), (40, 100), (40, 96), (64, 32), (129, 4), (16, 101), (64, 101), (80, 3000),
                 (3, 1000), (1, 16000), (64, 1000)):
        m, meta = case_in3(c, t, "conv")
        out[f"in3_conv_c{c}_t{t}"] = m, {"case": "in3", "c": c, "t": t, "front": "conv"}
    for c, t in ((500, 24), (512, 24), (512, 25), (128, 50), (80, 101)):
        m, meta = case_in3(c, t, "matmul")
        out[f"in3_matmul_c{c}_t{t}"] = m, {"case": "in3", "c": c, "t": t, "front": "matmul"}
    for form, tail in (("shared", "conv"), ("pairs", "conv"), ("shared", "out")):
        for h, w in ((32, 32), (320, 320), (384, 640), (640, 640), *(((320, 640), (640, 384), (480, 640), (384, 384),
                                                                       (352, 640)) if tail == "conv" else ())):
            m, meta = case_focus(h, w, form, tail)
            out[f"focus_{form}_{tail}_h{h}_w{w}"] = m, {"case": "focus", "h": h, "w": w, **meta}
    for front in ("ln", "lnd", "pos", "rs"):
        for t, c in ((4, 256), (50, 256), (197, 192), (1370, 384), (77, 512), (49, 96)):
            m, meta = case_in3ln(t, c, front)
            out[f"in3ln_{front}_t{t}_c{c}"] = m, {"case": "in3ln", "t": t, "c": c, **meta}
    for front in ("lnd", "revin"):  # a time series' variates: the last dim no multiple of 8 (DLinear, iTransformer)
        for t, c in ((96, 21), (336, 7), (96, 8), (512, 12), (96, 16)):
            m, meta = case_in3ln(t, c, front)
            out[f"in3ln_{front}_t{t}_c{c}"] = m, {"case": "in3ln", "t": t, "c": c, **meta}
    for c, t in ((3, 1024), (3, 1000), (3, 101), (6, 512)):
        m, meta = case_in3(c, t, "tnet")
        out[f"in3_tnet_c{c}_t{t}"] = m, {"case": "in3", "c": c, "t": t, "front": "tnet"}
    for front in ("tp", "add"):
        for n, t in ((1000, 5), (1000, 10), (1000, 13), (1000, 65), (576, 65), (576, 10), (192, 65), (192, 1)):
            m, meta = case_wrows(n, t, front)
            out[f"wrows_{front}_n{n}_t{t}"] = m, {"case": "wrows", "n": n, "t": t, "front": front, "softmax": True}
    for n, t, sm in ((576, 65, False), (1000, 10, False)):
        m, meta = case_wrows(n, t, "add", sm)
        out[f"wrows_add_n{n}_t{t}_relu"] = m, {"case": "wrows", "n": n, "t": t, "front": "add", "softmax": sm}
    for n, t in ((384, 24), (128, 24), (1000, 10)):
        m, meta = case_wrows(n, t, "seq", False)
        out[f"wrows_seq_n{n}_t{t}"] = m, {"case": "wrows", "n": n, "t": t, "front": "seq", "softmax": False}
    for c, hw, tp in ((2, 19, True), (16, 20, True), (80, 40, True), (2, 19, False)):
        m, meta = case_smtp(c, hw, tp)
        out[f"smtp_c{c}_hw{hw}{'' if tp else '_notp'}"] = m, {"case": "smtp", "c": c, "hw": hw, "transpose": tp}
    for a, tp in ((400, True), (1000, True), (1024, True), (1025, True), (1536, True), (2048, True), (2049, True),
                  (2100, True), (2100, False), (8400, True)):
        m, meta = case_dfl(a, tp)
        out[f"dfl_a{a}{'' if tp else '_notp'}"] = m, {"case": "dfl", "a": a, "transpose": tp}
    for hw, nc in ((40, 18), (40, 80), (40, 1), (32, 80), (80, 80)):  # 320 px (nudenet's 18 classes, COCO's 80), 640
        m, meta = case_dflhead(hw, nc)
        out[f"dflhead_hw{hw}_nc{nc}"] = m, {"case": "dflhead", "hw": hw, "nc": nc}
    for hw, nc in ((40, 80), (40, 18), (80, 80), (44, 80), (48, 80), (56, 80), (64, 80), (72, 80), (76, 80)):
        m, meta = case_dflhead(hw, nc, split=False)
        out[f"dflhead_hw{hw}_nc{nc}_nosplit"] = m, {"case": "dflhead", "hw": hw, "nc": nc, "split": False}
    for hw, nc in ((80, 80), (80, 1), (84, 80), (76, 80), (72, 80), (64, 80), (52, 80), (40, 80), (36, 80), (32, 80),
                   (96, 80), (112, 80), (120, 80)):  # 640 px: 8400 anchors; 672: 9261; 608: 7581; 576: 6804; 512: 5376; 416: 3549; 320: 2100; 288: 1701; 256: 1344; 120: 18900 (a P2 head's 120 x 120 level, unseen set 17)
        m, meta = case_dflhead84(hw, nc)
        out[f"dflhead84_hw{hw}_nc{nc}"] = m, {"case": "dflhead84", "hw": hw, "nc": nc}
    for hw, nc in ((40, 80), (52, 80), (80, 80), (40, 1), (64, 80)):  # YOLOv8 / YOLOv9c-seg: 32 mask coefficients
        m, meta = case_dflhead84(hw, nc, mc=32)
        out[f"seghead84_hw{hw}_nc{nc}"] = m, {"case": "seghead84", "hw": hw, "nc": nc, "mc": 32}
    for hw, nc, lvl in ((40, 1, 3), (48, 1, 3), (80, 1, 3), (48, 1, 4), (40, 80, 3), (48, 80, 4), (32, 1, 3),
                        (24, 1, 3), (36, 1, 3), (44, 1, 3), (56, 1, 3), (64, 1, 3), (40, 1, 4), (64, 1, 4), (80, 1, 4),
                        (40, 4, 3), (40, 6, 3), (48, 4, 4), (48, 6, 4)):  # 4 / 6 class channels at 10 x 10 and 6 x 6
        m, meta = case_posehead(hw, nc, lvl)  # 320 / 384 / 640 px, the P6 head at 384 (48 / 24 / 12 / 6), 192 to 640
        out[f"posehead_hw{hw}_nc{nc}_l{lvl}"] = m, {"case": "posehead", "hw": hw, "nc": nc, "levels": lvl}
    for h, w, lvl in ((40, 40, 3), (48, 48, 3), (80, 80, 3), (36, 36, 3), (80, 80, 4), (40, 24, 3), (48, 40, 3),
                      (80, 48, 3), (24, 40, 3), (44, 76, 3)):  # the keypoints' Reshape [1, 3K, A] -> [1, K, 3, A]
        m, meta = case_posehead(h, 1, lvl, w=w)  # by the levels' maps: 10 x 6 / 6 x 10 / 11 x 19 last levels
        out[f"posekpt_h{h}_w{w}_l{lvl}"] = m, {"case": "posekpt", "h": h, "w": w, "levels": lvl}
    for a in (2048, 2049, 2100, 3060, 8400, 12000, 16384, 16385, 19125, 25200):  # 19125: a P2 head at 480 px
        m, meta = case_dfl(a, op12=True)
        out[f"dfl_a{a}_op12"] = m, {"case": "dfl", "a": a, "transpose": True, "op12": True}
    for heads, n, d, m_ in ((4, 64, 64, 16), (4, 64, 16, 16), (8, 256, 32, 64), (1, 64, 64, 16), (8, 256, 64, 256),
                            (8, 64, 64, 64), (4, 256, 64, 64)):  # MobileNetV5: 8 heads of 64, 16 x 16 and 8 x 8
        m, meta = case_mqa(heads, n, d, m_)
        out[f"mqa_h{heads}_n{n}_d{d}_m{m_}"] = m, {"case": "mqa", "heads": heads, "n": n, "d": d, "m": m_}
    for kv, grp, t, d in ((2, 4, 64, 32), (2, 4, 16, 32), (4, 2, 64, 64), (1, 8, 64, 32), (2, 2, 128, 64),
                          (8, 4, 32, 64), (2, 1, 64, 32)):
        # the KV-cache step's 2 kv heads x 4 (unseen set 11), MQA's one kv head, Llama-style 8 x 4; group 1: control
        m, meta = case_gqa(kv, grp, t, d)
        out[f"gqa_kv{kv}_g{grp}_t{t}_d{d}"] = m, {"case": "gqa", "kv": kv, "group": grp, "t": t, "d": d}
    for kv, grp, t, d, past in ((2, 4, 1, 32, 63), (2, 4, 1, 64, 127), (4, 2, 1, 32, 31), (2, 4, 4, 32, 60)):
        # the KV-cache step itself (unseen set 11: 2 kv heads x 4, one new token after 63), longer caches, 4 new tokens
        m, meta = case_gqa(kv, grp, t, d, past)
        out[f"gqa_kv{kv}_g{grp}_t{t}_d{d}_p{past}"] = m, {"case": "gqa", "kv": kv, "group": grp, "t": t, "d": d,
                                                          "past": past}
    m, meta = case_mqa(4, 64, 64, 16, softmax=False)
    out["mqa_h4_n64_d64_m16_nosoftmax"] = m, {"case": "mqa", "heads": 4, "n": 64, "d": 64, "m": 16, "softmax": False}
    for k, hw in ((85, 10), (85, 20), (16, 20), (4, 20), (4, 10)):
        m, meta = case_anchor(k, hw)
        out[f"anchor_k{k}_hw{hw}"] = m, {"case": "anchor", "k": k, "hw": hw}
    for n in (4, 6, 8, 10, 12, 16, 20):
        m, meta = case_head3(32, 128, n)
        out[f"head3_s32_n{n}"] = m, {"case": "head3", "s": 32, "d": 128, "n": n}
    for length, mode in ((576, "reflect"), (512, "reflect"), (1024, "reflect"), (576, "constant")):
        m, meta = case_in2pad(length, mode)
        out[f"in2pad_{mode}_l{length}"] = m, {"case": "in2pad", "l": length, "mode": mode}
    for n in (6625, 97, 37, 12, 64, 8192, 8200, 10000, 12000, 16384, 16400, 18385, 18710):
        m, meta = case_head3(40, 120, n, softmax=True)
        out[f"head3sm_s40_n{n}"] = m, {"case": "head3sm", "s": 40, "d": 120, "n": n, "softmax": True}
    for c, h, w in ((10, 100, 76), (10, 50, 38), (10, 25, 19), (10, 13, 10), (10, 20, 20), (10, 10, 10), (16, 50, 38)):
        m, meta = case_yhead(c, h, w)
        out[f"yhead_c{c}_h{h}_w{w}"] = m, {"case": "yhead", "c": c, "h": h, "w": w}
    for hw, no, tail in ((20, 85, "out"), (40, 85, "out"), (80, 85, "out"), (80, 9, "out"), (160, 9, "out"),
                         (40, 9, "out"), (80, 85, "sig"), (160, 9, "sig")):
        m, meta = case_y5head(hw, no, tail=tail)
        out[f"y5head_hw{hw}_no{no}_{tail}"] = m, {"case": "y5head", "hw": hw, "no": no, "tail": tail}
    for h, w in ((100, 76), (50, 38), (25, 19), (13, 10), (20, 20)):  # layout-cdla's four levels (800 x 608)
        m, meta = case_yhead_split(h, w)
        out[f"yheads_h{h}_w{w}"] = m, {"case": "yhead", "c": 10, "reg": 32, "h": h, "w": w, "split": True}
    for c, hw in ((4, 19), (2, 19), (16, 19), (4, 16)):  # MTCNN P-Net: 4 box values over 19 x 19 (a 12 px stride)
        m, meta = case_nhwc_out(c, hw)
        out[f"nhwc_out_c{c}_hw{hw}"] = m, {"case": "nhwc_out", "c": c, "hw": hw}
    for t, d, front in ((34, 96, False), (16, 96, False), (16, 64, False), (34, 96, True)):  # openWakeWord: 16 x 96
        m, meta = case_flat3(t, d, front)
        out[f"flat3_t{t}_d{d}{'_front' if front else ''}"] = m, {"case": "flat3", "t": t, "d": d, **meta}
    for t, c, ln in ((40, 120, False), (40, 120, True), (40, 64, True), (80, 96, True), (25, 120, True)):
        m, meta = case_svtail(t, c, ln)  # PP-OCRv4 / v5 rec: 40 x 120
        out[f"svtail_t{t}_c{c}{'_ln' if ln else ''}"] = m, {"case": "svtail", "t": t, "c": c, **meta}
    for h, w, pad, tail in ((76, 32, True, False), (64, 40, True, False), (76, 32, False, False),
                            (16, 16, True, True)):  # openWakeWord's embedding: 76 x 32 mel frames
        m, meta = case_nhwc1(h, w, pad, tail)
        out[f"nhwc1_h{h}_w{w}{'_pad' if pad else ''}{'_tail' if tail else ''}"] = m, {"case": "nhwc1", "h": h, "w": w,
                                                                                    **meta}
    for t, d, n in ((20, 256, 8210), (20, 256, 64), (20, 256, 37)):
        m, meta = case_gemmrows(t, d, n)
        out[f"gemmrows_t{t}_d{d}_n{n}"] = m, {"case": "gemmrows", "t": t, "d": d, "n": n}
    for t, hid, n in ((20, 512, 8210), (20, 128, 37), (32, 256, 97)):
        m, meta = case_crnn(t, hid, n)
        out[f"crnn_t{t}_h{hid}_n{n}"] = m, {"case": "crnn", "t": t, "hid": hid, "n": n}
    for shape, pads, nchw, inner in (((1, 76, 32, 1), (0, 0, 1, 0, 0, 0, 1, 0), True, False),
                                     ((1, 76, 32, 1), (0, 0, 1, 0, 0, 0, 1, 0), True, True),
                                     ((1, 1, 76, 32), (0, 0, 0, 1, 0, 0, 0, 1), False, False),
                                     ((1, 8, 32, 16), (0, 0, 1, 0, 0, 0, 1, 0), False, False),
                                     ((1, 8, 32, 16), (0, 0, 1, 1, 0, 0, 1, 1), False, False),
                                     ((1, 8, 32, 1), (0, 0, 1, 0, 0, 0, 1, 0), False, True),
                                     # one thing apart from openWakeWord's: no Reshape, 8 / 16 / 32 channels, the pad
                                     # on W, on both H and W, a map 2 wide, a graph input 64 long
                                     ((1, 76, 32, 1), (0, 0, 1, 0, 0, 0, 1, 0), False, False),
                                     ((1, 8, 32, 1), (0, 0, 1, 0, 0, 0, 1, 0), True, False),
                                     ((1, 16, 32, 1), (0, 0, 1, 0, 0, 0, 1, 0), True, False),
                                     ((1, 32, 32, 1), (0, 0, 1, 0, 0, 0, 1, 0), True, False),
                                     ((1, 76, 32, 1), (0, 0, 0, 1, 0, 0, 0, 1), True, False),
                                     ((1, 76, 32, 1), (0, 0, 1, 1, 0, 0, 1, 1), True, False),
                                     ((1, 76, 32, 2), (0, 0, 1, 0, 0, 0, 1, 0), True, False),
                                     ((1, 76, 64, 1), (0, 0, 1, 0, 0, 0, 1, 0), True, False),
                                     *(((1, c, 32, 1), (0, 0, 1, 0, 0, 0, 1, 0), True, False) for c in (40, 48, 64, 72, 80, 96, 12, 36, 74, 77, 84))):
        tag = "x".join(map(str, shape)) + "_p" + "".join(map(str, pads)) + ("_nchw" if nchw else "") + ("_inner" if inner else "")
        m, meta = case_padin(shape, pads, nchw, inner)
        out[f"padin_{tag}"] = m, {"case": "padin", "shape": list(shape), "pads": list(pads), "to_nchw": nchw, "inner": inner}
    for parts, tail in (((4, 1, 1), "tp"), ((64, 18), "split"), ((64, 1), "split"), ((64, 16), "split")):
        for h, w in ((40, 40), (52, 52), (80, 80), (24, 24), (28, 28), (40, 20), (20, 40), (40, 24)):
            m, meta = case_yhead3(h, w, parts, tail)
            c = sum(parts)
            out[f"yhead3_{tail}_c{c}_h{h}_w{w}"] = m, {"case": "yhead3", "c": c, "h": h, "w": w, "tail": tail,
                                                      "parts": list(parts)}
    # YOLOv8's DFL head whole (ultralytics, nudenet-320n: 64 box bins + 18 classes over 40 x 40, 20 x 20, 10 x 10):
    # rows Concat -> Split -> Reshape [1, 4, 16, A] -> Transpose -> Softmax -> Conv -> Reshape [1, 4, A] -> decode
    for parts, h, w in (((64, 18), 40, 40), ((64, 80), 80, 80), ((64, 80), 40, 40), ((64, 18), 20, 20),
                        ((64, 18), 52, 52), ((64, 1), 40, 40), ((64, 18), 28, 28), ((64, 18), 40, 24)):
        m, meta = case_yhead3(h, w, parts, "dfl")
        c = sum(parts)
        out[f"yhead3_dfl_c{c}_h{h}_w{w}"] = m, {"case": "yhead3", "c": c, "h": h, "w": w, "tail": "dfl",
                                                "parts": list(parts)}
    # the box rows alone into the DFL (ultralytics' opset-12 exports before 8.1: the boxes' rows Concat -> Reshape
    # [1, 4, 16, A] directly, the classes' rows in a Concat of their own): its Concat's boundary key `concat3>layout`
    # is the YOLOX tail's (`tp`, C = 6), with 64 rows
    for h, w in ((40, 40), (52, 52), (80, 80), (24, 24), (28, 28), (40, 20), (20, 40), (40, 24)):
        m, meta = case_yhead3(h, w, (64,), "dflbox")
        out[f"yhead3_dflbox_c64_h{h}_w{w}"] = m, {"case": "yhead3", "c": 64, "h": h, "w": w, "tail": "dflbox",
                                                  "parts": [64]}
    for c, h, w in ((10, 10, 10), (16, 50, 38), (11, 50, 38)):  # more classes and sizes around layout-cdla's
        m, meta = case_yhead_split(h, w, cls=c)
        out[f"yheads_c{c}_h{h}_w{w}"] = m, {"case": "yhead", "c": c, "reg": 32, "h": h, "w": w, "split": True}
    for t, d, n in ((20, 1024, 8210), (20, 1024, 8192), (20, 1024, 8193), (20, 1024, 64), (20, 1024, 37)):
        m, meta = case_gemmrows(t, d, n, front="rnn")
        out[f"gemmrows_rnn_t{t}_d{d}_n{n}"] = m, {"case": "gemmrows", "t": t, "d": d, "n": n, "front": "rnn"}
    for n in (8210, 8193, 8192, 64, 37):
        m, meta = case_gemmrows(20, 1024, n, front="lstm")
        out[f"gemmrows_lstm_t20_d1024_n{n}"] = m, {"case": "gemmrows", "t": 20, "d": 1024, "n": n, "front": "lstm"}
    m, meta = case_gemmrows(20, 1024, 8210)
    out["gemmrows_t20_d1024_n8210"] = m, {"case": "gemmrows", "t": 20, "d": 1024, "n": 8210}
    for c, t, n in ((128, 1, 1), (64, 1, 1), (128, 4, 1), (128, 1, 4), (128, 8, 1)):
        m, meta = case_out1(c, t, n)
        out[f"out1_c{c}_t{t}_n{n}"] = m, {"case": "out1", "c": c, "t": t, "n": n}
    for op in ("relu", "add", "mul", "sub", "rsum2", "rsum4"):
        for n in (1, 2, 90, 1000):
            m, meta = case_out1op(op, n)
            out[f"out1op_{op}_n{n}"] = m, {"case": "out1op", "op": op, "n": n}
    for c, p, hw, pool in ((24, 4, 32, False), (28, 4, 32, False), (32, 4, 32, False), (36, 6, 32, False),
                           (40, 8, 16, False), (42, 6, 16, False), (44, 4, 16, False), (48, 8, 16, False),
                           (12, 4, 32, False), (20, 4, 32, False), (56, 8, 16, False), (28, 4, 16, True),
                           (42, 6, 8, True), (88, 8, 8, True), (32, 4, 16, True), (36, 4, 16, False)):
        m, meta = case_padc(c, p, hw, pool)
        out[f"padc_c{c}_p{p}_hw{hw}{'_pool' if pool else ''}"] = m, {"case": "padc", "c": c, "p": p, "hw": hw,
                                                                      "pool": pool}
    for c, h, w in ((32, 64, 64), (32, 64, 128), (32, 90, 92), (32, 88, 120), (32, 128, 128), (32, 96, 96),
                    (64, 128, 128), (16, 64, 129), (32, 80, 100), (32, 72, 114)):
        # SegFormer-B0's stage 0 at 512 px (128 x 128) and GLPN's at 352 x 480 (88 x 120) against stage 1 (64 x 64)
        m, meta = case_mitffn(c, h, w)
        out[f"mitffn_c{c}_h{h}_w{w}"] = m, {"case": "mitffn", "c": c, "h": h, "w": w, "hw": h * w}
    for n, heads, fill, safe, layers in ((128, 12, "inf", True, 2), (128, 12, "min", True, 2), (128, 12, "1e4", True, 2),
                                         (128, 12, "inf", False, 2), (128, 12, "inf", True, 1), (64, 4, "inf", True, 2),
                                         (64, 4, "min", True, 2), (512, 6, "inf", True, 1), (49, 12, "inf", True, 1),
                                         (64, 12, "inf", True, 1), (80, 12, "inf", True, 1), (96, 12, "inf", True, 1),
                                         (112, 12, "inf", True, 1), (128, 2, "inf", True, 1), (128, 4, "inf", True, 1),
                                         (256, 4, "inf", True, 1), (72, 4, "inf", True, 1)):
        # DistilBERT / RoBERTa (12 heads of 128 tokens), Pix2Struct (6 of 512) against MobileBERT / ALBERT (the float
        # minimum, 4 / 6 heads of 64); 64 to 128 tokens of 2 to 12 heads: where between 64 and 128 does it leave the NPU?
        m, meta = case_infmask(n, heads, fill, safe, layers)
        out[f"infmask_n{n}_h{heads}_{fill}{'_safe' if safe else ''}_l{layers}"] = m, {
            "case": "infmask", "n": n, "heads": heads, "fill": fill, "safe": safe, "layers": layers}
    for n, heads, form in ((128, 4, "flatgather"), (64, 4, "flatgather"), (128, 4, "reshape4"), (64, 4, "reshape4"),
                           (128, 4, "unsq4"), (64, 4, "unsq4")):
        m, meta = case_maskflat(n, heads, form)  # RoBERTa / SqueezeBERT's mask layout (128 tokens) against one op
        out[f"maskflat_n{n}_h{heads}_{form}"] = m, {"case": "maskflat", "n": n, "heads": heads, "form": form}
    for form in ("flatgather", "reshape4"):
        m, meta = case_maskflat(128, 4, form, and_=True)
        out[f"maskflat_n128_h4_{form}_and"] = m, {"case": "maskflat", "n": 128, "heads": 4, "form": form, "and_": True}
    for c, pads, k, cp, st, hw, rank, comp in (
            (1, (0, 1, 0, 0), (5, 2), (2, 0), (2, 1), (256, 100), 4, True),  # DCCRN's enc.0 as exported
            (1, (0, 1, 0, 0), (5, 2), (2, 0), (2, 1), (256, 100), 4, False),
            (1, (0, 1, 0, 0), (5, 2), (0, 0), (2, 1), (256, 100), 4, False),
            (1, (2, 1, 2, 0), (5, 2), (0, 0), (2, 1), (256, 100), 4, False),
            (8, (0, 1, 0, 0), (5, 2), (2, 0), (2, 1), (128, 100), 4, False),
            (16, (0, 1, 0, 0), (5, 2), (2, 0), (2, 1), (64, 100), 4, False),
            (4, (0, 1, 0, 0), (5, 2), (2, 0), (2, 1), (128, 100), 4, False),
            (1, (255, 0, 256, 0), (512, 1), (0, 0), (4, 1), (1024, 1), 4, True),  # CREPE's first layer
            (1, (31, 0, 32, 0), (64, 1), (0, 0), (1, 1), (256, 1), 4, False),
            (1, (3, 0, 4, 0), (8, 1), (0, 0), (1, 1), (256, 1), 4, False),
            (1, (2, 2, 2, 2), (5, 5), (0, 0), (1, 1), (64, 64), 4, False),
            (1, (0, 0, 1, 1), (3, 3), (0, 0), (2, 2), (64, 64), 4, False),
            (16, (31, 0, 32, 0), (64, 1), (0, 0), (1, 1), (256, 1), 4, False),
            (1, (0, 0, 0, 212), (1, 8), (0, 0), (1, 4), (1, 16000), 3, True),  # Demucs' waveform Pad
            (1, (0, 0, 0, 4), (1, 8), (0, 0), (1, 4), (1, 4000), 3, False),
            (1, (0, 3, 0, 4), (1, 8), (0, 0), (1, 1), (1, 4000), 3, False)):
        m, meta = case_padconv(c, pads, k, cp, st, hw, rank, comp)
        name = (f"padconv_c{c}_p{'-'.join(map(str, pads))}_k{k[0]}x{k[1]}_cp{cp[0]}{cp[1]}_s{st[0]}{st[1]}"
                f"_{hw[0]}x{hw[1]}_r{rank}{'_cast' if comp else ''}")
        out[name] = m, {"case": "padconv", "c": c, "pads": list(pads), "k": list(k), "conv_pads": list(cp),
                        "stride": list(st), "rank": rank, "computed": comp}
    for c, p, hw, tail in ((1, 4, 64, "resize"), (1, 4, 64, "conv"), (1, 4, 64, "out"), (8, 4, 64, "resize"),
                           (16, 4, 64, "resize"), (1, 1, 64, "resize"), (1, 4, 32, "resize"), (8, 4, 64, "conv"),
                           (16, 2, 32, "resize"), (1, 2, 32, "out"), (2, 4, 64, "resize"), (3, 4, 64, "resize"),
                           (4, 4, 64, "resize"), (3, 4, 64, "out"), (4, 4, 64, "out"), (8, 4, 64, "out"),
                           (12, 4, 64, "out"), (20, 4, 32, "out"), (10, 4, 32, "out"), (24, 4, 32, "out")):
        m, meta = case_padtail(c, p, hw, tail)
        out[f"padtail_c{c}_p{p}_hw{hw}_{tail}"] = m, {"case": "padtail", "c": c, "p": p, "hw": hw, "tail": tail}
    for k, h, w, form in ((17, 48, 48, "argmax3"), (17, 64, 48, "argmax3"), (1, 32, 32, "argmax3"), (21, 16, 16, "argmax3"),
                          (17, 48, 48, "argmax2"), (17, 64, 48, "argmax2"), (17, 48, 48, "gnd"), (17, 32, 24, "gnd")):
        m, meta = case_heatsel(k, h, w, form)
        out[f"heatsel_{form}_k{k}_{h}x{w}"] = m, {"case": "heatsel", "k": k, "h": h, "w": w, "form": form}
    for k in (1, 2, 3, 4, 5, 12, 16, 32, 85):
        m, meta = case_outcat(k)
        out[f"outcat_k{k}"] = m, {"case": "outcat", "k": k}
    for k in (4, 32, 81):  # 769 rows, no multiple of 4 (YOLACT's 19173): the `:s1` output class
        m, meta = case_outcat(k, (3, 1), (16, 1))
        out[f"outcat_k{k}_r769"] = m, {"case": "outcat", "k": k, "anchors": [3, 1], "sides": [16, 1]}
    for k, hw, tail in ((1, 80, "sig"), (1, 40, "sig"), (1, 20, "sig"), (1, 10, "sig"), (2, 20, "sig"),
                        (4, 80, "mul"), (4, 40, "mul"), (4, 20, "mul"), (4, 10, "mul"), (10, 80, "mul"),
                        (10, 40, "mul"), (10, 20, "mul"), (10, 10, "mul"), (8, 20, "mul"), (16, 20, "mul"),
                        (1, 20, "none"), (4, 20, "none"), (10, 20, "none"), (4, 7, "mul"), (1, 5, "sig")):
        m, meta = case_outrows(k, hw, tail)
        out[f"outrows_k{k}_hw{hw}_{tail}"] = m, {"case": "outrows", "k": k, "hw": hw, "tail": tail}
    for hid, state, flat in ((128, True, True), (128, False, True), (128, True, False), (64, True, True),
                             (96, True, True), (32, True, True)):  # silero-vad-16k-sequence: H = 128, with states
        m, meta = case_vadseq(hid, state, flat)
        out[f"vadseq_h{hid}{'_state' if state else ''}{'_flat' if flat else ''}"] = m, {
            "case": "vadseq", "hid": hid, "state": state, "flat": flat}
    for t, d, h1, h2, layers in ((16, 96, 64, 32, 2), (16, 96, 64, 32, 1), (32, 96, 64, 32, 2), (16, 96, 64, 64, 2),
                                 (16, 64, 32, 16, 2), (16, 96, 128, 32, 2)):  # openWakeWord hey-mycroft: 16 x 96, 64, 32
        m, meta = case_bilstm(t, d, h1, h2, layers)
        out[f"bilstm_t{t}_d{d}_h{h1}" + (f"_h{h2}" if layers == 2 else "")] = m, {
            "case": "bilstm", "t": t, "d": d, "h1": h1, "h2": h2 if layers == 2 else None, "layers": layers}
    for kind, t, hid, tail, layers in (("GRU", 16, 128, True, 2), ("GRU", 16, 128, False, 2), ("GRU", 16, 128, True, 1),
                                       ("LSTM", 16, 128, True, 2), ("GRU", 20, 64, True, 2), ("GRU", 16, 96, True, 2)):
        m, meta = case_rnnout(kind, t, hid, tail, layers)  # translit-encoder: GRU, 16 tokens, 128 units, 2 layers
        out[f"rnnout_{kind.lower()}_t{t}_h{hid}_l{layers}{'_tail' if tail else ''}"] = m, {
            "case": "rnnout", "kind": kind, "t": t, "hid": hid, "tail": tail, "layers": layers}
    for kind, t, hid, heads, layers, bidir in (("GRU", 125, 128, 2, 2, True), ("GRU", 125, 128, 1, 2, True),
                                               ("GRU", 125, 128, 2, 1, True), ("LSTM", 125, 128, 2, 2, True),
                                               ("GRU", 125, 128, 2, 2, False), ("GRU", 64, 64, 2, 2, True),
                                               ("GRU", 32, 128, 2, 2, True), ("GRU", 250, 64, 1, 1, True),
                                               ("GRU", 128, 128, 1, 2, True), ("GRU", 16, 32, 2, 2, True)):
        # unseen set 16's SED CRNN (125 frames, 128 units, two layers, two heads), then one head, one layer, LSTM, one
        # direction, other frame counts and widths
        m, meta = case_rnnheads(kind, t, hid, heads, layers, bidir=bidir)
        out[f"rnnheads_{kind.lower()}_t{t}_h{hid}_n{heads}_l{layers}{'' if bidir else '_fw'}"] = m, {
            "case": "rnnheads", "t": t, "hid": hid, "heads": heads, "layers": layers, "bidir": bidir, **meta}
    for c, w in ((120, 40), (64, 40), (120, 80), (96, 40), (128, 40), (120, 25)):  # PP-OCRv4 rec: 120 x 40
        m, meta = case_svflat(c, w)
        out[f"svflat_c{c}_w{w}"] = m, {"case": "svflat", "c": c, "w": w}
    for hid, tie, lead in ((128, "zero", 2), (128, "three", 2), (128, "none", 2), (64, "zero", 2), (128, "zero", 1),
                           (128, "none", 1)):  # silero-vad-16k-op15: stateN [2, 1, 128] = Concat + Cast(sr * 0)
        m, meta = case_zstate(hid, tie, lead)
        out[f"zstate_h{hid}_{tie}_l{lead}"] = m, {"case": "zstate", "hid": hid, "tie": tie, "lead": lead}
    for h, w in ((8, 32), (76, 32), (16, 16)):
        m, meta = case_scalar(h, w)
        out[f"scalar_h{h}_w{w}"] = m, {"case": "scalar", "h": h, "w": w}
    m, meta = case_scalar(8, 32, cast=False)  # openWakeWord's melspectrogram: 8 frames x 32 mels
    out["scalar_h8_w32_nocast"] = m, {"case": "scalar", "h": 8, "w": 32, "cast": False}
    m, meta = case_head3(30, 128, 12)
    out["head3_s30_n12"] = m, {"case": "head3", "s": 30, "d": 128, "n": 12}
    for c, t, rank in ((129, 4, 3), (64, 32, 3), (32, 16, 4)):
        m, meta = case_sqrt(c, t, rank)
        out[f"sqrt_r{rank}_c{c}_t{t}"] = m, {"case": "sqrt", "c": c, "t": t, "rank": rank}
    for n in (1, 2, 4, 7, 8, 16):
        for linear in ("matmul", "gemm"):
            for tail in ((), ("Softmax",), ("Sigmoid",), ("Softmax", "Identity"), ("Identity", "Softmax"),
                         ("Relu", "Softmax")):
                m, meta = case_head2(n, linear, tail)
                out[f"head2_{linear}_{'_'.join(t.lower() for t in tail) or 'none'}_n{n}"] = m, {
                    "case": "head2", "n": n, "linear": linear, "tail": list(tail)}
    for n, tail in ((12, ("Softmax",)), (10, ("Softmax",)), (16, ("Softmax",)), (1000, ("Softmax",)), (12, ()),
                    (16, ()), (12, ("Sigmoid",)), (35, ("Softmax",))):
        m, meta = case_head2(n, "conv", tail)
        out[f"head2c_{'_'.join(t.lower() for t in tail) or 'none'}_n{n}"] = m, {
            "case": "head2c", "n": n, "linear": "conv", "tail": list(tail)}
    for c, hh, ww in ((16, 4, 4), (10, 4, 4), (12, 4, 4), (16, 2, 11), (42, 4, 4), (64, 5, 5)):
        m, meta = case_swap(c, hh, ww)
        out[f"swap_c{c}_l{hh * ww}"] = m, {"case": "swap", "c": c, "l": hh * ww}
    for kind in ("LSTM", "GRU"):
        m, meta = case_rnn(kind, 32, 64, 96)
        out[f"rnn_{kind.lower()}_t32_h96"] = m, {"case": "rnn", "t": 32, "hid": 96, **meta}
    for b, t, d, hid, bidir in ((63, 33, 8, 4, True), (33, 63, 8, 8, False), (64, 33, 8, 8, False),
                                (63, 32, 8, 8, False), (64, 32, 8, 8, False), (32, 33, 8, 8, False),
                                (33, 32, 8, 8, False), (1, 63, 8, 8, False), (63, 33, 16, 16, False),
                                (63, 33, 32, 8, False), (60, 30, 8, 8, False), (16, 63, 8, 8, False),
                                (8, 8, 8, 8, False), (33, 63, 64, 64, False)):
        # GTCRN's intra (bidirectional, hidden D/2 over F = 33 with a batch of T = 63) and inter GRUs (over T with a
        # batch of F), then each of B and T aligned or not, wider features, a batch of 1
        m, meta = case_rnnpad(b, t, d, hid, bidir)
        out[f"rnnpad_b{b}_t{t}_d{d}_h{hid}{'_bi' if bidir else ''}"] = m, {
            "case": "rnnpad", "b": b, "t": t, "d": d, "hid": hid, "bidir": bidir, **meta}
    for b, t, c, sr, front in ((63, 33, 16, True, "slice"), (33, 63, 16, True, "slice"), (32, 16, 16, True, "slice"),
                               (64, 32, 16, True, "slice"), (63, 32, 16, True, "slice"), (64, 33, 16, True, "slice"),
                               (63, 33, 16, False, "slice"), (63, 33, 16, True, "add"), (63, 33, 32, True, "slice"),
                               (16, 17, 16, True, "slice")):
        m, meta = case_slicegru(b, t, c, sr, front)
        out[f"slicegru_b{b}_t{t}_c{c}_{front}{'' if sr else '_noshape'}"] = m, {
            "case": "slicegru", "b": b, "t": t, "c": c, "shape_read": sr, "front": front}
    for c, hw, axes, kd in ((512, 4, [2, 3], 1), (512, 4, [-1, -2], 1), (512, 4, [-2, -1], 1), (512, 4, [3, 2], 1),
                            (64, 8, [-1, -2], 1), (512, 4, [2, 3], 0), (512, 4, [-1, -2], 0)):
        m, meta = case_reduce("ReduceMean", c, hw, axes, kd)
        tag = "_".join(str(a).replace("-", "m") for a in axes)
        out[f"reduce_mean_c{c}_hw{hw}_ax{tag}_kd{kd}"] = m, {"case": "reduce", "op": "ReduceMean", "c": c, "hw": hw,
                                                            "axes": axes, "keepdims": kd}
    for c, hw in ((888, 7), (896, 7), (880, 7), (336, 7), (120, 7), (888, 14), (336, 14), (120, 28), (1512, 7),
                  (440, 7), (888, 8), (888, 6), (40, 150), (24, 150), (40, 28), (48, 150), (40, 75)):
        # unseen set 16's RegNetY-1.6GF (dynamo): with 2.3.2 on rk3588 int8 the Reshape of the Relu in front of its
        # 888 x 7 x 7 means ran on the CPU, not of the 336 x 14 x 14 ones; set 14's EfficientNet-B3 (dynamo): those
        # of the 40 / 24 x 150 x 150 squeeze-excites, not 144 x 75 x 75 and smaller maps: by C, H*W or both?
        m, meta = case_reduce("ReduceMean", c, hw, [-1, -2], 1, opset=18)
        out[f"reduce_mean_c{c}_hw{hw}_axm1_m2_kd1_op18"] = m, {"case": "reduce", "op": "ReduceMean", "c": c, "hw": hw,
                                                               "axes": [-1, -2], "keepdims": 1, "opset": 18}
    m, meta = case_reduce("ReduceMean", 512, 4, [-1, -2], 1, opset=18)  # as torch.onnx (dynamo) writes x.mean((-1, -2))
    out["reduce_mean_c512_hw4_axm1_m2_kd1_op18"] = m, {"case": "reduce", "op": "ReduceMean", "c": 512, "hw": 4,
                                                       "axes": [-1, -2], "keepdims": 1, "opset": 18}
    m, meta = case_reduce("ReduceMean", 512, 4, [2, 3], 1, opset=18)
    out["reduce_mean_c512_hw4_ax2_3_kd1_op18"] = m, {"case": "reduce", "op": "ReduceMean", "c": 512, "hw": 4,
                                                     "axes": [2, 3], "keepdims": 1, "opset": 18}
    for c in (64, 192, 512):  # the plane sweep: squeeze-excite and classifier pools on 2 x 2 to 28 x 28 maps
        for hw in (2, 4, 5, 7, 8, 14, 16, 28):
            if f"reduce_mean_c{c}_hw{hw}_ax2_3_kd1" in out:  # `reduce` has 512 x 4 x 4 (the same model)
                continue
            m, meta = case_reduce("ReduceMean", c, hw, [2, 3], 1)
            out[f"reduce_mean_c{c}_hw{hw}_ax2_3_kd1"] = m, {"case": "reduce_plane", "op": "ReduceMean", "c": c,
                                                            "h": hw, "w": hw}
    for h, w in ((7, 8), (8, 7), (6, 12), (12, 6), (3, 3), (6, 6), (12, 12), (20, 20), (10, 10), (1, 8), (8, 1), (9, 9)):
        m, meta = case_reduce_plane(128, h, w)
        out[f"reduce_mean_c128_h{h}_w{w}_ax2_3_kd1"] = m, {"case": "reduce_plane", "op": "ReduceMean", "c": 128,
                                                           "h": h, "w": w}
    for c, h, w in ((128, 8, 16), (64, 32, 32), (256, 64, 64)):  # DeepLabV3+'s pooled branch, 1 x 1 -> H x W
        for ctm in ("align_corners", "half_pixel"):
            m, meta = case_resize1(c, h, w, ctm)
            out[f"resize1_c{c}_h{h}_w{w}_{ctm}"] = m, {"case": "resize1", "op": "Resize", "c": c, "h": h, "w": w,
                                                      "ctm": ctm}
    for c, hw in ((64, 14), (384, 35)):  # Inception-v4's branch pools (384 channels on 35 x 35)
        for k, st, p, cip in ((3, 1, 1, 0), (3, 1, 1, 1), (3, 2, 1, 0), (5, 1, 2, 0), (2, 2, 0, 0)):
            m, meta = case_avgpool(c, hw, k, st, p, cip)
            out[f"avgpool_c{c}_hw{hw}_k{k}s{st}p{p}_cip{cip}"] = m, {"case": "avgpool", "op": "AveragePool", "c": c,
                                                                    "hw": hw, "k": k, "s": st, "p": p, "cip": cip}
    for c, h, w in ((64, 1, 1), (8, 2, 2), (8, 4, 4), (128, 4, 4), (64, 3, 3), (32, 5, 5), (8, 2, 3), (8, 3, 4),
                    (8, 4, 2), (8, 2, 4), (16, 7, 7), (64, 7, 7), (512, 7, 7), (256, 6, 6), (8, 1, 6), (8, 1, 25),
                    (8, 2, 9), (8, 3, 12), (8, 4, 7), (8, 7, 4), (8, 5, 6), (8, 6, 5), (8, 5, 7), (8, 6, 10),
                    (8, 9, 25), (16, 8, 8), (8, 12, 12), (8, 16, 16), (8, 6, 8), (8, 7, 8), (8, 3, 8), (8, 4, 6),
                    (8, 12, 6), (8, 9, 8), (8, 5, 8), (8, 1, 8), (8, 8, 1), (8, 1, 16)):
        # a map flattened into a Linear (ArcFace, UFLD, VGG-style heads): the map's H and W decide the CPU Reshape
        m, meta = case_mapflat(c, h, w)
        out[f"mapflat_c{c}_h{h}_w{w}"] = m, {"case": "mapflat", "c": c, "h": h, "w": w}
    for c, h, w, op, lin in ((8, 9, 25, "Reshape", "Gemm"), (64, 7, 7, "Reshape", "MatMul"), (8, 4, 4, "Flatten", "MatMul"),
                             (8, 6, 8, "Reshape", "MatMul")):
        m, meta = case_mapflat(c, h, w, op, lin)
        out[f"mapflat_c{c}_h{h}_w{w}_{op.lower()}_{lin.lower()}"] = m, {"case": "mapflat", "c": c, "h": h, "w": w,
                                                                        "op": op, "lin": lin}
    for c, hw in ((512, 2), (512, 5), (512, 7), (512, 8), (512, 14), (64, 5), (64, 7), (64, 16)):
        # the plane sweep as torch.onnx (dynamo) writes x.mean((-1, -2)): axes [-1, -2] as an input (opset 18)
        m, meta = case_reduce("ReduceMean", c, hw, [-1, -2], 1, opset=18)
        out[f"reduce_mean_c{c}_hw{hw}_axm1_m2_kd1_op18_plane"] = m, {
            "case": "reduce_plane_dyn", "op": "ReduceMean", "c": c, "h": hw, "w": hw, "axes": [-1, -2], "opset": 18}
    for c, hw in ((128, 4), (128, 8)):  # MobileViTv2's linear attention sums over 4 and 16 tokens
        m, meta = case_reduce("ReduceSum", c, hw, [-1], 1)
        out[f"reduce_sum_c{c}_hw{hw}_axm1_kd1"] = m, {"case": "reduce", "op": "ReduceSum", "c": c, "hw": hw,
                                                      "axes": [-1], "keepdims": 1}
    for kd in (0, 1):
        m, meta = case_reduce("ReduceSum", 32, 12, [-1], kd)
        out[f"reduce_sum_c32_hw12_axm1_kd{kd}"] = m, {"case": "reduce", "op": "ReduceSum", "c": 32, "hw": 12,
                                                      "axes": [-1], "keepdims": kd}
    for c, t, act in ((160, 40, "hardswish"), (64, 40, "hardswish"), (120, 25, "hardswish"), (96, 32, "hardswish"),
                      (160, 40, "relu")):  # PP-OCRv6-tiny rec's neck: 160 channels over 40 steps
        m, meta = case_bn1d(c, t, act)
        out[f"bn1d_c{c}_t{t}{'' if act == 'hardswish' else '_' + act}"] = m, {"case": "bn1d", "c": c, "t": t, **meta}
    for t, d, kd, op in ((16, 256, 0, "ReduceSum"), (20, 128, 0, "ReduceSum"), (16, 96, 0, "ReduceSum"),
                         (16, 256, 1, "ReduceSum"), (16, 256, 0, "ReduceMean")):  # translit-encoder: 16 x 256
        m, meta = case_pool3(t, d, kd, op)
        out[f"pool3_{op[6:].lower()}_t{t}_d{d}_kd{kd}"] = m, {"case": "pool3", "t": t, "d": d, "keepdims": kd,
                                                              "op": op}
    for t, d, divisor in ((16, 256, "count"), (20, 128, "count"), (16, 256, "same"), (16, 256, "const")):
        m, meta = case_div2(t, d, divisor)  # translit-encoder: 16 x 256, divided by its unmasked token count
        out[f"div2_{divisor}_t{t}_d{d}"] = m, {"case": "div2", "t": t, "d": d, **meta}
    for frames, bins, mel in ((8, 257, 32), (16, 257, 32), (8, 256, 32), (8, 201, 80)):  # openWakeWord: 8 x 257 -> 32
        m, meta = case_melspec(frames, bins, mel)
        out[f"melspec_f{frames}_b{bins}_m{mel}"] = m, {"case": "melspec", "frames": frames, "bins": bins, "mel": mel}
    for shape in ([1, 300, 4], [1, 4, 30, 10]):
        m, meta = case_tocpu(shape)
        out["tocpu_" + "x".join(map(str, shape))] = m, {"case": "tocpu", "shape": shape}
    for k, h, w, hm in ((17, 48, 36, True), (17, 48, 36, False), (17, 64, 48, True), (16, 32, 32, True),
                        (17, 16, 16, True), (8, 24, 20, True), (21, 56, 56, False)):
        m, meta = case_integral(k, h, w, hm)  # unseen set 4's head: 17 x 48 x 36, the heatmaps an output too
        out[f"integral_k{k}_h{h}_w{w}{'_hm' if hm else ''}"] = m, {"case": "integral", "k": k, "h": h, "w": w,
                                                                   "hm_out": hm}
    for t, s, d, heads, mem, packed in ((24, 50, 128, 4, "input", True), (24, 64, 128, 4, "input", True),
                                        (16, 49, 256, 8, "input", True), (1, 50, 128, 4, "input", True),
                                        (24, 50, 128, 4, "computed", True), (24, 50, 128, 4, "input", False),
                                        (32, 100, 64, 2, "input", True), (24, 24, 128, 4, "input", True),
                                        (50, 50, 128, 4, "input", True), (24, 64, 128, 4, "input", False),
                                        (16, 49, 256, 8, "input", False), (1, 50, 128, 4, "input", False),
                                        (24, 24, 128, 4, "self", True), (50, 50, 128, 4, "self", True),
                                        (64, 64, 128, 4, "self", True), (16, 16, 256, 8, "self", True),
                                        (99, 99, 96, 3, "self", True), (49, 49, 128, 4, "self", True),
                                        (25, 25, 128, 4, "self", True), (100, 100, 128, 4, "self", True),
                                        (17, 17, 128, 4, "self", True), (36, 36, 128, 4, "self", True),
                                        (98, 98, 96, 3, "self", True)):
        m, meta = case_xattn(t, s, d, heads, mem, packed)  # unseen set 4's decoder: 24 queries over 50 memory rows
        out[f"xattn_t{t}_s{s}_d{d}_h{heads}_{mem}{'' if packed else '_kv2'}"] = m, {
            "case": "xattn", "t": t, "s": s, "d": d, "heads": heads, "mem": mem, "packed": packed}
    for n, c in ((3136, 96), (784, 192), (196, 384), (49, 768), (196, 96)):
        m, meta = case_cattn(n, c)  # DaViT-tiny's channel blocks: 56 x 56 x 96 to 7 x 7 x 768, heads of 32
        out[f"cattn_n{n}_c{c}"] = m, {"case": "cattn", "n": n, "c": c}
    for b, heads in ((64, 3), (16, 6), (4, 12), (1, 24)):
        m, meta = case_attn(49, heads, 32, b=b, sdpa=True, tail=True)  # DaViT-tiny's 7 x 7 windows, stages 0-3
        out[f"wattn_b{b}_h{heads}"] = m, {"case": "wattn", "n": 49, "heads": heads, "d": 32, "b": b, "sdpa": True}
    for t, hid, n, cell in ((40, 96, 64, "GRU"), (40, 96, 37, "GRU"), (25, 128, 64, "GRU"), (80, 64, 96, "GRU"),
                            (40, 96, 64, "LSTM")):
        m, meta = case_crnn_gru(t, hid, n, cell)  # unseen set 4's CRNN: 40 steps, hidden 96, 64 classes
        out[f"crnn_{cell.lower()}_t{t}_h{hid}_n{n}"] = m, {"case": "crnn_gru", "t": t, "hid": hid, "n": n, "cell": cell}
    for t, hid, n in ((40, 96, 64), (25, 128, 37), (80, 64, 96)):
        m, meta = case_crnn_gru(t, hid, n, pool=True)
        out[f"crnn_gru_t{t}_h{hid}_n{n}_pool"] = m, {"case": "crnn_gru", "t": t, "hid": hid, "n": n, "cell": "GRU",
                                                     "pool": True}
    for c, t, hw in ((32, 4, 16), (64, 4, 8), (32, 8, 8), (16, 2, 7), (64, 4, 4)):
        m, meta = case_c3d(c, t, hw)  # MC3-18's last stage: 512 x 4 x 4 x 4 from [1, 3, 4, 64, 64]
        out[f"c3d_c{c}_t{t}_hw{hw}"] = m, {"case": "c3d", "c": c, "t": t, "hw": hw}
    for c, t, hw, stride, se in ((216, 4, 20, 2, True), (216, 4, 10, 1, True), (108, 4, 20, 1, True), (64, 4, 40, 2, True),
                                 (64, 4, 16, 2, True), (64, 4, 24, 2, True), (64, 4, 12, 1, True), (64, 4, 5, 1, True),
                                 (64, 8, 10, 1, True), (64, 4, 10, 1, False), (64, 4, 20, 1, False), (432, 4, 10, 2, True)):
        m, meta = case_c3dpool(c, t, hw, stride, se)  # X3D's depthwise Conv3d read by its SE pool: maps 5 to 20 wide
        out[f"c3dpool_c{c}_t{t}_hw{hw}_s{stride}{'' if se else '_nose'}"] = m, {"case": "c3dpool", "c": c, "t": t,
                                                                               "hw": hw, "stride": stride, "se": se}
    for c, t, hw, form in ((54, 4, 20, "x3d"), (24, 4, 16, "x3d"), (54, 4, 20, "swish"), (32, 8, 10, "swish"),
                           (54, 4, 20, "prod"), (32, 8, 10, "prod"), (54, 4, 20, "spatial"), (54, 4, 20, "temporal"),
                           (54, 4, 20, "cconst"), (54, 4, 20, "tconst"), (32, 8, 10, "temporal")):
        m, meta = case_mul5(c, t, hw, form)  # X3D-XS's Muls: 54 channels over 4 frames, maps 40 to 5 wide
        out[f"mul5_{form}_c{c}_t{t}_hw{hw}"] = m, {"case": "mul5", "c": c, "t": t, "hw": hw, "form": form}
    for c, t in ((3, 1024), (3, 1000), (3, 101), (6, 512), (16, 256)):
        m, meta = case_in3(c, t, "tnet_add")  # PointNet's T-net as written: the regressed matrix + identity
        out[f"in3_tnet_add_c{c}_t{t}"] = m, {"case": "in3_tnet_add", "c": c, "t": t, "front": "tnet_add"}
    for c, t in ((17, 512), (9, 256), (24, 128)):
        m, meta = case_in3(c, t, "tnet_add")  # the T-net matrix between PointNet's sizes and RTMPose's 17 keypoints
        out[f"in3_tnet_add_c{c}_t{t}"] = m, {"case": "in3_tnet_add", "c": c, "t": t, "front": "tnet_add"}
    for t, d, e, form in ((17, 256, 512, "sq"), (3, 64, 128, "sq"), (6, 64, 128, "sq"), (9, 128, 256, "sq"),
                          (17, 256, 512, "softmax"), (49, 128, 256, "sq")):
        m, meta = case_gau(t, d, e, form)  # RTMPose's GAU: relu(q k^T / s)^2 [1, T, T] @ v
        out[f"gau_t{t}_d{d}_e{e}_{form}"] = m, {"case": "gau", "t": t, "d": d, "e": e, "form": form}
    for form in ("ts", "dynamo", "half_first", "rsqrt2"):
        for rank in (4, 3):
            m, meta = case_gelu_form(form, rank)  # timm VOLO-D1 through dynamo at opset 18: Erf on the CPU
            out[f"gelu_form_{form}_r{rank}"] = m, {"case": "gelu_form", "form": form, "rank": rank}
    for tail in ("tp", "tp_noscale", "res"):  # ConvNeXt-T's and Swin-T's MLPs: 56 / 28 / 14 / 7 px, 96-768 channels
        for hw in (7, 14, 28):
            for c in (32, 96, 384):
                m, meta = case_nhwc_mlp(c, hw, tail)
                out[f"nhwc_mlp_{tail}_c{c}_hw{hw}"] = m, {"case": "nhwc_mlp", "c": c, "hw": hw, "tail": tail}
        m, meta = case_nhwc_mlp(40, 14, tail)  # C no multiple of 16
        out[f"nhwc_mlp_{tail}_c40_hw14"] = m, {"case": "nhwc_mlp", "c": 40, "hw": 14, "tail": tail}
    for tail, c, hw, blocks in (("tp_tv", 96, 14, 1), ("tp_tv", 384, 7, 1), ("tp_tv", 96, 28, 1), ("res_tp", 96, 14, 1),
                                ("res_tp", 384, 7, 1), ("res_tp", 96, 28, 1), ("res", 96, 14, 2), ("res", 384, 7, 2)):
        m, meta = case_nhwc_mlp(c, hw, tail, blocks)
        out[f"nhwc_mlp_{tail}_c{c}_hw{hw}" + (f"_b{blocks}" if blocks > 1 else "")] = m, {
            "case": "nhwc_mlp" if blocks == 1 else "nhwc_mlp_chain", "c": c, "hw": hw, "tail": tail, "blocks": blocks}
    for tail, ln in (("tp", "op"), ("tp_tv", "dec"), ("tp_tv", "op")):  # ConvNeXt / EdgeNeXt's block whole
        for c, hw in ((96, 14), (384, 7), (96, 28), (192, 8)):
            m, meta = case_nhwc_mlp(c, hw, tail, ln=ln, dw="stream")
            out[f"nhwc_mlp_{tail}{'_dec' if ln == 'dec' else ''}_dw_c{c}_hw{hw}"] = m, {
                "case": "nhwc_mlp", "c": c, "hw": hw, "tail": tail, "ln": ln, "dw": "stream"}
    for tail, ln, c, hw in (("tp", "op", 96, 14), ("tp", "op", 384, 7), ("tp_tv", "dec", 96, 14), ("tp_tv", "dec", 192, 8)):
        m, meta = case_nhwc_mlp(c, hw, tail, ln=ln, dw="fork")  # the residual reads the depthwise Conv's output
        out[f"nhwc_mlp_{tail}{'_dec' if ln == 'dec' else ''}_dwfork_c{c}_hw{hw}"] = m, {
            "case": "nhwc_mlp", "c": c, "hw": hw, "tail": tail, "ln": ln, "dw": "fork"}
    for c, h, w, k, bias, blocks, front, form in (
            (48, 16, 20, 3, False, 2, "ln", "dynamo"), (48, 16, 20, 3, True, 2, "ln", "dynamo"),
            (48, 16, 20, 7, False, 2, "ln", "dynamo"), (48, 16, 16, 3, False, 2, "ln", "dynamo"),
            (48, 16, 20, 3, False, 2, "conv", "dynamo"), (48, 16, 20, 3, False, 2, "ln", "ts"),
            (96, 14, 14, 7, True, 1, "conv", "ts"), (96, 14, 14, 7, True, 2, "conv", "ts"),
            (96, 8, 10, 5, False, 2, "conv", "dynamo"), (192, 16, 20, 7, False, 2, "conv", "dynamo"),
            (384, 8, 10, 9, False, 2, "conv", "dynamo"), (48, 64, 80, 3, False, 2, "ln", "dynamo")):
        m, meta = case_edgeblk(c, h, w, k, bias, blocks, front, form)  # EdgeNeXt-S-rw at 256 x 320 (unseen set 20)
        out[f"edgeblk_c{c}_h{h}_w{w}_k{k}{'_bias' if bias else ''}_b{blocks}_{front}_{form}"] = m, {
            "case": "edgeblk", "c": c, "h": h, "w": w, "k": k, "bias": bias, "blocks": blocks, "front": front,
            "form": form}
    for h, w, win, c, heads, ln in ((64, 96, 8, 60, 6, "dec"), (32, 32, 8, 60, 6, "dec"), (16, 16, 8, 60, 6, "dec"),
                                    (64, 96, 8, 60, 3, "dec"), (64, 96, 8, 64, 4, "dec"), (64, 96, 8, 96, 3, "dec"),
                                    (64, 96, 8, 48, 6, "dec"), (64, 96, 8, 60, 6, "op"), (32, 48, 8, 60, 6, "dec"),
                                    (64, 96, 8, 64, 8, "dec")):
        m, meta = case_swinir(h, w, win, c, heads, ln)  # SwinIR-light at 64 x 96 (unseen set 20)
        out[f"swinir_h{h}_w{w}_win{win}_c{c}_heads{heads}_{ln}"] = m, {
            "case": "swinir", "h": h, "w": w, "win": win, "c": c, "heads": heads, "ln": ln}
    for c, hw in ((96, 14), (384, 7), (96, 28), (192, 8), (96, 16)):  # Swin's MLP behind its attention
        m, meta = case_nhwc_mlp(c, hw, "res_mix")
        out[f"nhwc_mlp_res_mix_c{c}_hw{hw}"] = m, {"case": "nhwc_mlp_chain", "c": c, "hw": hw, "tail": "res_mix"}
    for c, hw in ((96, 14), (384, 7), (96, 28), (192, 8)):
        m, meta = case_nhwc_mlp(c, hw, "res_swin")
        out[f"nhwc_mlp_res_swin_c{c}_hw{hw}"] = m, {"case": "nhwc_mlp", "c": c, "hw": hw, "tail": "res_swin"}
    for tail, ln, dw in (("res", "op", ""), ("tp", "op", ""), ("tp", "op", "stream"), ("tp_tv", "dec", "stream"),
                         ("tp_tv", "dec", "")):  # 16 px: H and W multiples of 16
        m, meta = case_nhwc_mlp(96, 16, tail, ln=ln, dw=dw)
        out[f"nhwc_mlp_{tail}{'_dec' if ln == 'dec' else ''}{'_dw' if dw else ''}_c96_hw16"] = m, {
            "case": "nhwc_mlp", "c": 96, "hw": 16, "tail": tail, "ln": ln, "dw": dw}
    for tail in ("tp_tv", "tp", "res"):  # the LayerNorm written out, as the ConvNeXt-T export has it
        for c, hw in ((96, 14), (384, 7), (96, 28), (192, 8)):
            m, meta = case_nhwc_mlp(c, hw, tail, ln="dec")
            out[f"nhwc_mlp_{tail}_dec_c{c}_hw{hw}"] = m, {"case": "nhwc_mlp", "c": c, "hw": hw, "tail": tail,
                                                          "ln": "dec"}
    for c, h, w in ((4, 64, 128), (4, 64, 129), (4, 90, 91), (4, 128, 128), (4, 256, 2560), (32, 128, 2048)):
        for perm in ((0, 1, 3, 2), (0, 2, 3, 1), (0, 2, 1, 3), (0, 3, 1, 2)):
            for tail in ("conv", "out"):
                if perm == (0, 2, 3, 1) and tail == "conv" and w > 512:
                    continue  # a Conv over 2048 / 2560 channels: not what the case asks
                m, meta = case_tphw(c, h, w, perm, tail)
                out[f"tphw_c{c}_h{h}_w{w}_p{''.join(map(str, perm))}_{tail}"] = m, {
                    "case": "tphw", "c": c, "h": h, "w": w, "perm": list(perm), "tail": tail}
    for n in (16, 48, 50, 64, 100, 128):
        out[f"rows2_ln_n{n}"] = case_rows2(n)[0], {"case": "rows2", "n": n, "front": "ln", "rank": 2}
    for n in (50, 64):
        for front in ("add", "relu", "op"):
            out[f"rows2_{front}_n{n}"] = case_rows2(n, front=front)[0], {"case": "rows2", "n": n, "front": front, "rank": 2}
    out["rows2_ln_n50_rank3"] = case_rows2(50, rank=3)[0], {"case": "rows2", "n": 50, "front": "ln", "rank": 3}
    for h, w in ((17, 2100), (17, 4096), (17, 8192), (17, 8400), (16, 8400)):  # a DFL's bins over its anchors
        for perm, tail in (((0, 2, 3, 1), "out"), ((0, 2, 1, 3), "conv")):  # YOLO-NAS's (issue 378), YOLOv8's
            m, meta = case_tphw(4, h, w, perm, tail)
            out[f"tphw_c4_h{h}_w{w}_p{''.join(map(str, perm))}_{tail}"] = m, {
                "case": "tphw", "c": 4, "h": h, "w": w, "perm": list(perm), "tail": tail}
    for h, w in ((17, 2100), (17, 8400), (16, 512), (64, 129), (128, 128), (8, 2048), (32, 512), (4, 4096), (16, 1024)):
        # the same behind the Reshape that makes the map
        m, meta = case_tphw(4, h, w, (0, 2, 3, 1), "out", front="reshape")
        out[f"tphw_rs_c4_h{h}_w{w}_p0231_out"] = m, {
            "case": "tphw", "c": 4, "h": h, "w": w, "perm": [0, 2, 3, 1], "tail": "out", "front": "reshape"}
    for h, w in ((128, 256), (128, 512), (256, 512), (64, 1024), (256, 1024)):  # where the swap of H and W leaves
        for perm in ((0, 1, 3, 2), (0, 2, 1, 3)):
            m, meta = case_tphw(4, h, w, perm, "conv")
            out[f"tphw_c4_h{h}_w{w}_p{''.join(map(str, perm))}_conv"] = m, {
                "case": "tphw", "c": 4, "h": h, "w": w, "perm": list(perm), "tail": "conv"}
    # spatial-reduction attention (PVT, Twins-PCPVT, SegFormer): heads, kv tokens M, query tokens N, head width,
    # the reduction Conv or none, the scale form
    for hw, heads, d, sr, sdpa in ((16, 1, 64, 4, True), (16, 2, 64, 4, True), (16, 5, 64, 4, True),
                                   (16, 8, 64, 4, True), (16, 2, 64, 2, True), (16, 2, 64, 8, True),
                                   (16, 2, 64, 1, True), (32, 2, 64, 4, True), (28, 2, 64, 4, True),
                                   (14, 2, 64, 2, True), (8, 2, 64, 2, True), (32, 1, 64, 8, True),
                                   (56, 1, 64, 8, True), (16, 1, 64, 2, True), (16, 2, 32, 4, True),
                                   (16, 5, 32, 4, True), (32, 1, 32, 8, True), (16, 2, 64, 4, False),
                                   (8, 5, 64, 2, False), (4, 8, 64, 1, True), (7, 8, 64, 1, True),
                                   (8, 2, 64, 1, True), (14, 5, 32, 2, True), (7, 8, 32, 1, False),
                                   (14, 1, 64, 2, True), (10, 1, 64, 2, True), (10, 2, 64, 2, True),
                                   (20, 1, 32, 4, True), (7, 1, 64, 1, True), (8, 1, 64, 1, True),
                                   # SegFormer-B0 at 512 px (unseen set 9, qk then the scale): 16384 to 1024 queries
                                   # of 256 keys, and around its stage 1 / stage 0 boundary
                                   (128, 1, 32, 8, False), (64, 2, 32, 4, False), (64, 1, 32, 4, False),
                                   (32, 5, 32, 2, False), (96, 1, 32, 6, False), (90, 1, 32, 6, False),
                                   (64, 4, 32, 4, False), (128, 1, 32, 16, False), (64, 1, 32, 16, False),
                                   (48, 1, 32, 3, False), (32, 1, 32, 8, False), (32, 1, 32, 2, False),
                                   (32, 5, 32, 8, False),
                                   # several heads over many queries (2.5.0 on rk2118: one head of 2304 on the CPU,
                                   # two of 4096 on the NPU)
                                   (128, 2, 32, 8, False), (96, 2, 32, 6, False), (128, 4, 32, 8, False),
                                   (48, 2, 32, 3, False), (64, 8, 32, 4, False)):
        m, meta = case_srattn(hw, heads, d, sr, sdpa)
        out[f"srattn_hw{hw}_h{heads}_d{d}_sr{sr}{'' if sdpa else '_qk'}"] = m, {
            "case": "srattn", "hw": hw, "heads": heads, "d": d, "sr": sr, "sdpa": sdpa}
    for hw, heads, d, sr, sdpa in ((16, 2, 32, 4, False), (16, 5, 32, 2, False), (16, 2, 64, 4, True)):
        # SegFormer-B0 (unseen set 9, TorchScript): its reduction LayerNorm written out, 2 / 5 heads of 32
        m, meta = case_srattn(hw, heads, d, sr, sdpa, written=True)
        out[f"srattn_hw{hw}_h{heads}_d{d}_sr{sr}{'' if sdpa else '_qk'}_written"] = m, {
            "case": "srattn_written", "hw": hw, "heads": heads, "d": d, "sr": sr, "sdpa": sdpa}
    # MetaFormer's token MLP on rank-3 tokens (CAFormer / ConvFormer): token count, channels, activation, biases
    for hw, c, act, bias in ((7, 320, "star", False), (4, 512, "star", False), (7, 64, "star", False),
                             (14, 320, "star", False), (8, 320, "star", False), (5, 320, "star", False),
                             (6, 320, "star", False), (7, 320, "gelu", False), (7, 320, "relu", False),
                             (7, 320, "gelu", True), (14, 128, "gelu", True), (3, 512, "star", False),
                             (9, 320, "star", False), (7, 128, "star", True)):
        m, meta = case_tokmlp(hw, c, act, bias)
        out[f"tokmlp_hw{hw}_c{c}_{act}{'_b' if bias else ''}"] = m, {
            "case": "tokmlp", "hw": hw, "c": c, "act": act, "bias": bias}
    for hw, w, c, act in ((7, 0, 320, "star0"), (5, 0, 320, "star0"), (8, 0, 320, "star0"), (5, 6, 320, "star"),
                          (7, 10, 320, "star"), (5, 7, 320, "star"), (6, 10, 128, "star")):
        m, meta = case_tokmlp(hw, c, act, w=w)
        out[f"tokmlp_hw{hw}{f'x{w}' if w else ''}_c{c}_{act}"] = m, {
            "case": "tokmlp", "hw": hw, "w": w or hw, "c": c, "act": act, "bias": False}
    # timm's Attention over a channels-last map (VOLO's transformer stages, torch.onnx dynamo): tokens, heads, the
    # MLP behind it, two blocks in a row, the Split form
    for hw, heads, d, mlp, blocks, form in ((7, 12, 32, True, 1, "slice"), (7, 12, 32, False, 1, "slice"),
                                            (8, 12, 32, True, 1, "slice"), (14, 6, 32, True, 1, "slice"),
                                            (14, 2, 32, True, 1, "slice"), (7, 2, 32, True, 1, "slice"),
                                            (5, 4, 32, True, 1, "slice"), (7, 12, 32, True, 2, "slice"),
                                            (7, 12, 32, True, 1, "split"), (4, 8, 32, True, 1, "slice"),
                                            (8, 2, 32, True, 1, "split"), (10, 4, 32, True, 1, "slice")):
        m, meta = case_nhwc_attn(hw, heads, d, mlp, blocks, form)
        out[f"nhwc_attn_hw{hw}_h{heads}_d{d}{'' if mlp else '_nomlp'}{f'_b{blocks}' if blocks > 1 else ''}"
            f"{'_split' if form == 'split' else ''}"] = m, {
            "case": "nhwc_attn", "hw": hw, "heads": heads, "d": d, "mlp": mlp, "blocks": blocks, "form": form}
    # timm's TNT block: patches B, pixels per patch (side^2), inner dim and heads, outer heads, class token, blocks
    for b, side, c, heads, oheads, cls, blocks in (
            (49, 4, 24, 4, 6, True, 1), (16, 4, 24, 4, 6, True, 1), (64, 4, 24, 4, 6, False, 1),
            (16, 4, 24, 4, 6, False, 1), (49, 3, 24, 4, 6, True, 1), (49, 4, 32, 4, 8, True, 1),
            (49, 4, 16, 2, 4, True, 1), (4, 4, 24, 4, 6, True, 1), (49, 2, 48, 4, 3, True, 1),
            (196, 4, 24, 4, 6, True, 1), (49, 4, 24, 4, 6, True, 2), (16, 4, 24, 4, 6, True, 2),
            (24, 4, 24, 4, 6, False, 1), (32, 4, 24, 4, 6, False, 1), (36, 4, 24, 4, 6, True, 1),
            (25, 4, 24, 4, 6, True, 1)):
        m, meta = case_tnt(b, side, c, heads, oheads, cls, blocks)
        out[f"tnt_b{b}_p{side * side}_c{c}_h{heads}_oh{oheads}{'' if cls else '_nocls'}"
            f"{f'_k{blocks}' if blocks > 1 else ''}"] = m, {
            "case": "tnt", "b": b, "pixels": side * side, "c": c, "heads": heads, "oheads": oheads, "cls": cls,
            "blocks": blocks}
    # EfficientViM's HSM-SSD mixer: channels, map side, state size, blocks, the state's classifier head
    for c, hw, s, blocks, head in ((128, 8, 49, 2, True), (192, 4, 25, 2, True), (320, 2, 9, 2, True),
                                   (128, 8, 64, 2, True), (128, 8, 16, 2, True), (64, 16, 49, 2, True),
                                   (128, 7, 49, 2, True), (320, 2, 16, 2, True), (256, 4, 16, 2, True),
                                   (128, 8, 49, 1, False), (320, 2, 9, 1, False), (128, 4, 49, 2, True)):
        m, meta = case_hsm(c, hw, s, blocks, head)
        out[f"hsm_c{c}_hw{hw}_s{s}_k{blocks}{'' if head else '_nohead'}"] = m, {
            "case": "hsm", "c": c, "hw": hw, "s": s, "blocks": blocks, "head": head}
    # unseen set 15 on rk3566 (s24): a LayerNorm making the output, Depth Anything's shared read-out norm, XFeat's
    # stem, HuBERT's waveform front
    for n, c, tail in ((1500, 384, "out"), (49, 768, "out"), (197, 384, "out"), (50, 64, "out"), (100, 40, "out"),
                       (1500, 384, "linear"), (49, 768, "linear"), (49, 768, "both")):
        m, meta = case_lnout(n, c, tail)
        out[f"lnout_{tail}_n{n}_c{c}"] = m, {"case": "lnout", "n": n, "c": c, "tail": tail}
    for n, c, tail in ((75, 256, "out"), (197, 384, "out"), (50, 64, "out"), (100, 40, "out"), (75, 256, "linear"),
                       (75, 256, "both")):
        m, meta = case_lnout(n, c, tail, "dec")  # Speech2Text's final layer_norm written out (unseen set 20)
        out[f"lnout_dec_{tail}_n{n}_c{c}"] = m, {"case": "lnout_dec", "n": n, "c": c, "tail": tail, "ln": "dec"}
    for h, w, c, shared in ((18, 24, 384, True), (18, 24, 384, False), (16, 16, 384, True), (16, 16, 384, False),
                            (14, 14, 192, True), (8, 8, 192, True), (12, 20, 384, True), (14, 14, 384, True),
                            (18, 24, 192, True), (16, 16, 192, True), (12, 12, 192, True), (14, 14, 256, True),
                            (14, 14, 192, False)):
        m, meta = case_readln(h, w, c, shared)
        out[f"readln_{'shared' if shared else 'alone'}_h{h}_w{w}_c{c}"] = m, {"case": "readln", "h": h, "w": w, "c": c,
                                                                                "shared": shared}
    for h, w, r, front in ((480, 640, 8, "mean_in"), (240, 320, 8, "mean_in"), (128, 128, 8, "mean_in"),
                           (64, 64, 4, "mean_in"), (480, 640, 8, "mean"), (480, 640, 8, "conv"), (128, 128, 8, "conv"),
                           (256, 256, 8, "mean_in"), (192, 256, 8, "mean_in"), (256, 320, 8, "mean_in"),
                           (160, 160, 8, "mean_in"), (320, 320, 8, "mean_in"), (240, 320, 8, "conv"),
                           (192, 256, 8, "conv"), (256, 256, 8, "conv"), (480, 640, 4, "conv")):
        m, meta = case_unshuf(h, w, r, front)
        out[f"unshuf_{front}_h{h}_w{w}_r{r}"] = m, {"case": "unshuf", "h": h, "w": w, "r": r, "front": front}
    for length, c, k, s_, norm in ((16000, 512, 10, 5, "gn"), (16000, 512, 10, 5, "none"), (8000, 512, 10, 5, "gn"),
                                   (4000, 512, 10, 5, "gn"), (16000, 64, 10, 5, "gn"), (1600, 128, 10, 5, "gn")):
        m, meta = case_wavfront(length, c, k, s_, norm)
        out[f"wavfront_{norm}_l{length}_c{c}"] = m, {"case": "wavfront", "length": length, "c": c, "norm": norm}
    for h, w, parts in ((80, 48, (4, 1, 51)), (80, 80, (4, 1, 51)), (80, 48, (4, 80)), (80, 80, (4, 80)),
                        (40, 24, (4, 1, 51)), (64, 64, (4, 1, 51)), (48, 80, (4, 1, 51)), (80, 48, (4, 80, 51)),
                        # odd last levels (rk3588): YOLO11s-OBB at 416 x 736 (52 x 92 .. 13 x 23, its 1-channel
                        # angle branch), YOLO11n-pose at 480 x 288 (15 x 9), 14 x 14 / 7 x 7, 10 x 10 / 5 x 5, ...
                        (52, 92, (4, 1, 51)), (52, 92, (4, 15, 1)), (60, 36, (4, 1, 51)), (28, 28, (4, 1, 51)),
                        (20, 20, (4, 1, 51)), (44, 76, (4, 1, 51)), (36, 60, (4, 1, 51)), (56, 56, (4, 1, 51))):
        m, meta = case_yhead26(h, w, parts)  # YOLO26s-pose at 640 x 384 / 640, YOLO26s at 640 (unseen set 15)
        out[f"yhead26_h{h}_w{w}_{'_'.join(map(str, parts))}"] = m, {"case": "yhead26", "h": h, "w": w,
                                                                     "parts": list(parts)}
    for n, heads, shape in ((96, 2, "computed"), (96, 2, "const"), (64, 4, "computed"), (128, 2, "computed"),
                            (50, 4, "computed"), (96, 8, "computed"), (32, 2, "computed"), (128, 4, "const")):
        m, meta = case_mexp(n, heads, shape)  # FastSpeech2's encoder: 96 phonemes, 2 heads
        out[f"mexp_n{n}_h{heads}_{shape}"] = m, {"case": "mexp", "n": n, "heads": heads, "shape": shape}
    for n, heads, shape in ((96, 2, "computed"), (64, 4, "computed"), (128, 4, "const"), (32, 2, "computed")):
        m, meta = case_mexp(n, heads, shape, front="mm")  # a Linear in front: builds on rk3562 / rk2118 2.3.2
        out[f"mexp_n{n}_h{heads}_{shape}_mm"] = m, {"case": "mexp", "n": n, "heads": heads, "shape": shape,
                                                    "front": "mm"}
    for n, heads, form, safe in ((128, 6, "row", True), (128, 6, "outer", True), (128, 6, "outerw", True),
                                 (256, 6, "row", True), (256, 6, "outer", True), (256, 6, "outerw", True),
                                 (512, 6, "row", True), (512, 6, "outer", True), (512, 6, "outerw", True),
                                 (512, 6, "outer", False), (577, 6, "outer", True), (64, 6, "outer", True),
                                 (320, 6, "outer", True), (384, 6, "outer", True), (433, 6, "outer", True),
                                 (512, 12, "outer", True), (512, 2, "outer", True), (300, 6, "outerw", True)):
        m, meta = case_pmask(n, heads, form, safe)  # Pix2Struct's vision encoder: 512 patches (2048 at its default)
        out[f"pmask_n{n}_h{heads}_{form}{'' if safe else '_plain'}"] = m, {"case": "pmask", "n": n, "heads": heads,
                                                                          "form": form, "safe": safe}
    for t, heads, d in ((1500, 6, 64), (750, 6, 64), (197, 6, 64), (50, 6, 64), (256, 4, 64), (1500, 8, 64)):
        m, meta = case_sdpak(t, heads, d)  # Whisper-tiny's encoder at 30 s (1500 frames, 6 heads of 64)
        out[f"sdpak_t{t}_h{heads}_d{d}"] = m, {"case": "sdpak", "t": t, "heads": heads, "d": d}
    for kind, t, f, d, hid, hid2, n in (("GRU", 10, 42, 24, 24, 48, 22), ("GRU", 10, 42, 24, 48, 96, 24),
                                        ("GRU", 32, 42, 24, 24, 48, 22), ("GRU", 100, 42, 24, 24, 48, 22),
                                        ("GRU", 10, 64, 32, 32, 64, 32), ("GRU", 16, 40, 64, 64, 128, 16),
                                        ("LSTM", 10, 42, 24, 24, 48, 22), ("LSTM", 32, 64, 32, 64, 64, 8)):
        for vad in (False, True) if (kind, t, hid) in (("GRU", 10, 24), ("GRU", 32, 24)) else (False,):
            m, meta = case_rnnseq(kind, t, f, d, hid, hid2, n, vad)  # RNNoise at 10 frames (unseen set 17)
            out[f"rnnseq_{kind.lower()}{'_vad' if vad else ''}_t{t}_f{f}_d{d}_h{hid}_{hid2}_n{n}"] = m, {
                "case": "rnnseq", "kind": kind, "t": t, "f": f, "d": d, "hid": hid, "hid2": hid2, "n": n, "vad": vad}
    for hw, d, up in ((28, 32, 8), (14, 32, 8), (28, 16, 8), (56, 16, 4), (28, 64, 8), (28, 32, 2)):
        m, meta = case_padim(hw, d, up)  # PaDiM-lite at 224 (unseen set 17): 28 x 28 positions of 32 features, x 8
        out[f"padim_h{hw}_d{d}_x{up}"] = m, {"case": "padim", "hw": hw, "d": d, "up": up}
    for t, c, tout in ((512, 7, 96), (96, 7, 24), (512, 8, 96), (336, 21, 96), (512, 32, 96), (96, 12, 24),
                       (128, 16, 32)):
        m, meta = case_tmix(t, c, tout=tout)  # TSMixer at 512 x 7 (unseen set 17)
        out[f"tmix_t{t}_c{c}_o{tout}"] = m, {"case": "tmix", "t": t, "c": c, "tout": tout}
    for h, w, c, heads, cross, scale in ((15, 20, 128, 8, True, True), (15, 20, 128, 8, False, True),
                                         (16, 16, 128, 8, True, True), (8, 8, 64, 4, True, True),
                                         (15, 20, 256, 8, True, True), (15, 20, 128, 4, True, True),
                                         (20, 20, 96, 8, True, True), (15, 20, 128, 8, True, False),
                                         (30, 40, 64, 4, True, True)):
        m, meta = case_linattn(h, w, c, heads, cross=cross, scale=scale)  # LoFTR-lite at 120 x 160 (unseen set 21)
        out[f"linattn_h{h}_w{w}_c{c}_heads{heads}{'_cross' if cross else ''}{'' if scale else '_noscale'}"] = m, {
            "case": "linattn", "h": h, "w": w, "c": c, "heads": heads, "cross": cross, "scale": scale}
    for c, mid, t, hw, stride, se, head in ((24, 54, 4, 40, 2, True, False), (24, 54, 4, 40, 1, False, False),
                                            (48, 108, 4, 20, 1, True, False), (96, 216, 4, 10, 2, True, False),
                                            (192, 432, 4, 5, 2, True, True), (96, 216, 4, 10, 1, False, True),
                                            (32, 64, 8, 16, 1, True, False), (64, 128, 4, 8, 1, True, False),
                                            (32, 64, 4, 16, 1, True, False), (64, 128, 8, 8, 1, True, False)):
        m, meta = case_x3dblk(c, mid, t, hw, stride, se, head)  # X3D-XS-lite at 4 x 160 (unseen set 21)
        out[f"x3dblk_c{c}_m{mid}_t{t}_hw{hw}_s{stride}{'_se' if se else ''}{'_head' if head else ''}"] = m, {
            "case": "x3dblk", "c": c, "mid": mid, "t": t, "hw": hw, "stride": stride, "se": se, "head": head}
    for nq, nk, heads, d, cross, relpos in ((16, 145, 4, 64, True, False), (16, 64, 4, 64, True, False),
                                            (16, 50, 8, 32, True, False), (16, 196, 4, 64, True, False),
                                            (12, 145, 4, 64, True, False), (49, 49, 12, 64, False, True),
                                            (49, 49, 12, 64, False, False), (64, 64, 4, 64, False, False),
                                            (50, 50, 8, 32, False, False), (100, 100, 4, 64, False, True)):
        m, meta = case_bmmattn(nq, nk, heads, d, cross, relpos)  # TrOCR decoder / SpeechT5 encoder (unseen set 21)
        out[f"bmmattn_q{nq}_k{nk}_h{heads}_d{d}{'_cross' if cross else ''}{'_rel' if relpos else ''}"] = m, {
            "case": "bmmattn", "nq": nq, "nk": nk, "heads": heads, "d": d, "cross": cross, "relpos": relpos}
    for h, w, nc in ((64, 64, 80), (40, 40, 80), (80, 80, 80), (52, 92, 80), (64, 64, 15), (40, 40, 15),
                     (48, 80, 15)):
        m, meta = case_obbhead(h, w, nc)  # YOLOv8n-obb at 512, YOLO11s-obb at 416 x 736 (unseen sets 19, 21)
        out[f"obbhead_h{h}_w{w}_nc{nc}"] = m, {"case": "obbhead", "h": h, "w": w, "nc": nc}
    for a, bins, tail in ((120, 17, "conv"), (480, 17, "conv"), (1920, 17, "conv"), (8400, 17, "conv"), (480, 16, "conv"),
                          (1920, 16, "conv"), (64, 16, "conv"), (480, 17, "out"), (1920, 17, "out")):
        m, meta = case_dflpp(a, bins, tail)  # PP-YOLOE-lite's DFL (unseen set 22)
        out[f"dflpp_a{a}_b{bins}_{tail}"] = m, {"case": "dflpp", "a": a, "bins": bins, "tail": tail}
    for c, h, w in ((64, 56, 56), (128, 28, 28), (256, 14, 14), (512, 7, 7), (32, 32, 32), (256, 28, 28),
                    (128, 14, 14), (64, 14, 14)):  # triplet attention's Z-pool (unseen set 22)
        for perm in ((0, 2, 1, 3), (0, 3, 2, 1)):
            for reduce in ("maxmean", "mean") if c * h * w in (64 * 56 * 56, 256 * 14 * 14) else ("maxmean",):
                m, meta = case_zpool(c, h, w, perm, reduce)
                out[f"zpool_{reduce}_c{c}_h{h}_w{w}_p{''.join(map(str, perm))}"] = m, {
                    "case": "zpool", "c": c, "h": h, "w": w, "perm": list(perm), "reduce": reduce}
    for c, h, w in ((64, 16, 16), (64, 20, 20), (64, 24, 24), (64, 14, 28), (64, 28, 14), (64, 7, 56), (64, 56, 7)):
        m, meta = case_zpool(c, h, w, (0, 3, 2, 1))  # where the 0321 Transpose leaves the CPU: by H or by W?
        out[f"zpool_maxmean_c{c}_h{h}_w{w}_p0321"] = m, {
            "case": "zpool", "c": c, "h": h, "w": w, "perm": [0, 3, 2, 1], "reduce": "maxmean"}
    return out


def cmd_models(a: argparse.Namespace) -> int:
    import onnx

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    man = {}
    only = set(a.case or [])
    for stem, (m, meta) in cases(only).items():
        onnx.checker.check_model(m, full_check=True)
        onnx.save(m, str(out / f"{stem}.onnx"))
        man[stem] = meta
    (out / "sweep.json").write_text(json.dumps(man, indent=1))
    print(f"{len(man)} models in {out}")
    return 0


def _project_toolkit() -> str | None:
    """The rknn-toolkit2 version of the project's venv (run_toolkit.py's default `--python`), None without it."""
    from importlib import metadata

    try:
        return metadata.version("rknn-toolkit2")
    except metadata.PackageNotFoundError:
        return None


def _output_layer(view: Any, out: str, lays: list[dict[str, Any]], inserted: set[str]) -> tuple[str, str]:
    """("cpu" | "npu", whose name it took: "output" | "input" | "norm" | "") of the Reshape the toolkit adds on a graph
    output: on the producer ('<out>-rs'), or on the producer of its data input where the toolkit lowered the producer
    (a Reduce) to Reshape -> MatMul -> Transpose -> Reshape and named the last one after that input
    ('<input>_rs_mm_tp_rs': `out1op`'s map sum), or on the first mean of a written-out LayerNorm making the output,
    whose fused layer's layout the toolkit names after that mean ('<mean>_2ln_rs_tp': `lnout_dec`)."""
    p = view.producer[out]
    if p.node.name in inserted:
        return "cpu", "output"
    from rknnlint.motifs import written_layernorm_head

    head = written_layernorm_head(view, p)  # a written-out LayerNorm the toolkit fuses: '<mean>_2ln_rs_tp'
    if head is not None and any(head.node.name in (lay.get("onnx_nodes") or []) and "_2ln" in lay["full_name"]
                                for lay in lays):
        return "cpu", "norm"
    data = next((x for x in p.node.input if x and view.depends_on_inputs(x)), None)
    q = view.producer.get(data) if data else None
    if q is not None and any(q.node.name in (lay.get("onnx_nodes") or []) and lay["full_name"].endswith("_mm_tp_rs")
                             for lay in lays):
        return "cpu", "input"
    return "npu", ""


def cmd_table(a: argparse.Namespace) -> int:
    """Per build the ONNX nodes with a CPU layer (and the layers), then the boundary / output placements the static
    check reads, each with the builds it rests on."""
    import onnx
    import yaml

    from rknnlint import dropped_nodes as D
    from rknnlint import motifs as M
    from rknnlint.fused_blocks import blocks
    from rknnlint.graph import ModelView
    from rknnlint.platforms import families
    from rknnlint.toolkit.versions import facts

    models = Path(a.models)
    man = json.loads((models / "sweep.json").read_text())
    truth = json.loads(Path(a.truth).read_text())
    target, dtype, version = truth["target"], truth.get("dtype", "float16"), truth.get("toolkit")
    family = families().family_of(target) or target
    drop = set(a.drop or [])
    built: dict[str, Any] = {}
    bound: dict[str, list[tuple[str, str]]] = defaultdict(list)
    reduces: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    nodes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    attn: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    area: dict[str, list[tuple[str, str]]] = defaultdict(list)
    area_roles: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    outs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    linears: dict[str, list[tuple[str, str]]] = defaultdict(list)
    out_named: dict[str, list[tuple[str, str]]] = defaultdict(list)  # whose name an output's CPU Reshape took
    ins: dict[str, list[tuple[str, str]]] = defaultdict(list)
    runs: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    sized: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    flat: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)  # motifs.class_keys: always kept in `sized`
    bound_sized: dict[str, list[tuple[str, str]]] = defaultdict(list)
    zero: dict[str, list[tuple[str, str]]] = defaultdict(list)
    reduces_sized: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    reduces_plane: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    reduces_chan: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    reduces_nhwc: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    readers: dict[str, list[tuple[str, str]]] = defaultdict(list)
    mapflats: dict[str, list[tuple[str, str]]] = defaultdict(list)
    nodes_ctx: dict[str, list[tuple[str, str]]] = defaultdict(list)
    glu: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    heads: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    hswish: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    tokmlp: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    safesm: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    masksm: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    linatt: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    gnorm: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    gnorm_roles: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for stem in sorted(man):
        rec = truth["models"].get(stem)
        if rec is None:
            continue
        entry: dict[str, Any] = {**man[stem], "status": rec["status"]}
        if rec["status"] != "built":
            entry["error"] = rec.get("error")
            built[stem] = entry
            continue
        lays = rec.get("cpu_layers", [])
        entry["cpu_nodes"] = sorted({n for lay in lays for n in lay.get("onnx_nodes") or []})
        entry["cpu_layers"] = [f"{lay['full_name']}" for lay in lays]
        built[stem] = entry
        if man[stem].get("case") in drop:  # kept as evidence, read by nothing
            entry["dropped"] = True
            continue
        inserted = {n for lay in lays for n in lay.get("onnx_nodes") or []
                    if lay["op_type"] in ("Reshape", "Transpose") and lay.get("onnx_op") not in ("Reshape", "Transpose")}
        p = models / f"{stem}.onnx"
        view = ModelView(onnx.load(str(p)), p)
        if man[stem].get("case") == "zero_add":
            # an Add of zeros to computed int64 indices: was the Add a CPU layer (the `one` control's is), or removed?
            if man[stem].get("zero"):
                own_cpu = {n for lay in lays for n in lay.get("onnx_nodes") or []}
                zero["Add"].append((stem, "kept" if "add" in own_cpu else "removed"))
            continue
        if man[stem].get("case") == "gnorm" and man[stem].get("zero"):
            # the zero-gamma builds: was the GroupNorm (and the branch) dropped or kept? Told only where the same
            # model with a random gamma has a CPU layer (`zero_weight` `Mul:init` / `Mul:identity`)
            control = truth["models"].get(stem.split("_zero_")[0]) or {}
            if control.get("cpu_layers"):
                zero[f"Mul:{man[stem]['zero']}"].append((stem, "kept" if lays else "dropped"))
            continue
        if man[stem].get("case") == "zero_se":
            # the excite behind a zero Conv: folded with it (no CPU layer) where the same block with random weights
            # has one (`zero_weight` `Conv:fold`)
            control = truth["models"].get(stem.rsplit("_", 1)[0] + "_ctl") or {}
            if man[stem]["zero"] != "ctl" and control.get("cpu_layers"):
                zero["Conv:fold"].append((stem, "kept" if lays else "dropped"))
            continue
        if man[stem].get("case") == "zero" and man[stem].get("zero"):
            # the branch behind the all-zero weight: were any of its nodes (a CPU op among them) left on the CPU?
            own_cpu = {n for lay in lays for n in lay.get("onnx_nodes") or []}
            dead = {view.main_nodes[i].node.name for i in D.dead_nodes(view) | D.zero_folded_nodes(view)}
            for ref in view.main_nodes:
                if D.zero_weight_inputs(view, ref):
                    zero[ref.op_type].append((stem, "kept" if dead & own_cpu else "dropped"))
            continue  # the rest of such a build is not the network it stands for
        for hsw in M.hard_swishes(view):  # a layer on the op making its input, on the Mul (or what reshapes it)
            for role, node in hsw["roles"].items():
                hswish[hsw["key"]][role].append((stem, role_place(node, lays)))
                if hsw["sized"]:
                    hswish[hsw["sized"]][role].append((stem, role_place(node, lays)))
        for block in M.glu_blocks(view):
            for role, node in block["roles"].items():
                if role in ("first_norm", "exit") and man[stem].get("case") == "glu" and man[stem].get("stages", 1) == 1:
                    # one stage right after the input's Conv: the toolkit named its entry Transpose after that Conv
                    # and its exit after the last residual Add; behind a downsample (stages 2, as in the networks) the
                    # entry is the first block's LayerNorm and the exit the Transpose back
                    continue
                glu[block["key"]][role].append((stem, role_place(node, lays)))
        if man[stem].get("case") in ("glu", "coat", "fattn"):
            # their CPU layers are the blocks' (channels_last, attention) or the tiny model's edges (the Transposes
            # after the op next to the graph input, before the proj Linear into the output): by op type, boundary or
            # layout run they would mislead (the factorised attention's qkv run is spelled as timm's)
            if man[stem].get("case") in ("coat", "fattn"):
                for ref in view.main_nodes:
                    found = M.attention_roles(view, ref)
                    if found is not None:
                        for key in M.attention_keys(found[0]):  # the full key and its back-off
                            for role, node in found[1].items():
                                attn[key][role].append((stem, role_place(node, lays)))
            continue
        done: set[int] = set()
        for ref in view.main_nodes:
            if ref.index in done or not M.in_chain(view, ref):
                continue
            run = M.run_of(view, ref)
            done.update(r.index for r in run)
            if len(run) <= M.MAX_CHAIN:
                own_cpu = {n for lay in lays for n in lay.get("onnx_nodes") or []}
                places = ["cpu" if r.node.name in own_cpu else "npu" for r in run]
                runs[M.chain_key(view, run)].append((stem, places))
                skey = M.sized_key(view, run)
                sized[skey].append((stem, places))
                for fkey in M.class_keys(view, run, skey):
                    flat[fkey].append((stem, places))
        # a decomposed LayerNorm / L2 norm is one layer, checked as a block (RKN601); an RMSNorm over the channels only
        # where the version fuses it (rules/toolkit/<version>.yaml rmsnorm_fused_axes)
        fused = blocks(view, bool(version) and facts(version).rmsnorm_fused_axes == "last")
        fused = blocks(view, version)  # a decomposed LayerNorm / L2 norm is one layer, checked as a block (RKN601)
        for ref in view.main_nodes:
            name = ref.node.name
            key = M.boundary_key(view, ref)
            if key is not None:
                bound[key].append((stem, "cpu" if name in inserted else "npu"))
                bkey = M.boundary_sized_key(view, ref)
                hw = M.boundary_sized_keys(view, ref)  # with the form of the map it is Reshaped to (`.hw:rect`)
                for skey in (bkey, M.boundary_long_key(view, ref, bkey), *(hw[:1] if ".hw:" in "".join(hw[:1]) else ())):
                    if skey is not None:
                        bound_sized[skey].append((stem, "cpu" if name in inserted else "npu"))
            own = {n for lay in lays for n in lay.get("onnx_nodes") or []}
            fkey = M.map_flatten_key(view, ref)
            if fkey is not None:  # the Reshape the toolkit adds to hand the map to the Linear takes the flatten's name
                mapflats[fkey].append((stem, "cpu" if name in own else "npu"))
            nkey = M.node_key_sweep(view, ref)
            if nkey is not None and (ref.node.output[0] not in view.output_names or M.LEVELS in nkey
                                     or M.TRIG_READ in nkey) and ref.index not in fused:
                # (a graph output's layer is the output's: `outputs`; a detector's levels Concat runs whole on the CPU
                # as the output too, 'Concat:<node>', the output's Reshape after it on the NPU: `lvlcat`; so does an
                # oriented-box head's Concat beside the angle's Sin: `chcat_sin`)
                nodes[nkey].append((stem, "cpu" if name in own else "npu"))
            tm = M.token_mlp(view, ref)
            if tm is not None:
                for role, node in tm[1].items():
                    tokmlp[tm[0]][role].append((stem, role_place(node, lays)))
            ss = M.safe_softmax(view, ref)
            for key in ss[0] if ss else ():  # the token count's class and the plain key
                for role, node in ss[1].items():
                    safesm[key][role].append((stem, role_place(node, lays)))
            ms = M.masked_softmax(view, ref)
            for key in ms[0] if ms else ():  # the token count's class and the plain key
                for role, node in ms[1].items():
                    masksm[key][role].append((stem, role_place(node, lays)))
            la = M.linear_attention(view, ref)
            for key in la[0] if la else ():  # the tokens' and head width's class and the plain key
                for role, node in la[1].items():
                    linatt[key][role].append((stem, role_place(node, lays)))
            akey = M.area_attention_res_key(view, ref) or M.area_attention_key(view, ref)
            if akey is not None:
                area[akey].append((stem, "cpu" if name in own else "npu"))
                for role, node in M.area_attention_roles(view, ref).items():
                    area_roles[akey][role].append((stem, "cpu" if node.node.name in own else "npu"))
            if nkey is not None and ref.node.output[0] not in view.output_names and ref.index not in fused:
                nodes_ctx[M.node_key_sweep_ctx(view, ref, nkey)].append((stem, "cpu" if name in own else "npu"))
            found = M.attention_roles(view, ref)
            if found is not None:
                for key in M.attention_keys(found[0]):  # the full key and its back-off
                    for role, node in found[1].items():
                        attn[key][role].append((stem, role_place(node, lays)))
            gkeys = M.group_norm_keys(view, ref)  # the width's class and the plain key; a length class alone
            for gkey in gkeys[:1] if ":t" in (gkeys or [""])[0] else gkeys:
                # the fused exNorm layer: on the CPU or not, named after the norm or its input
                x = M.group_norm_block(view, ref)[0]
                tails = [lay["full_name"].split(":", 1)[1] for lay in lays if lay["op_type"] == "exNorm"]
                layer = ("norm" if any(t.startswith(name + "#") for t in tails) else
                         "input" if any(t.startswith(x + "_") for t in tails) else "none")
                gnorm[gkey].append((stem, "npu" if layer == "none" else "cpu", layer))
                block = M.group_norm_block(view, ref)[1]
                src = view.producer.get(x)
                for role, node in (("reshape_in", block[0]), ("reshape_out", block[2] if len(block) > 2 else None),
                                   ("norm_layout", ref), ("input_layout", src)):
                    # the block's own Reshapes as layout layers of their own (rk3566), and the Transpose back that
                    # takes the InstanceNorm's name ('<inorm>#1_rs_tp', an odd number of groups: `gnormgodd`), and
                    # one after the op in front ('<conv>_tp': a Conv1d's map, `wavfront`)
                    if node is not None:
                        gnorm_roles[gkey][role].append((stem, "cpu" if any(
                            lay["op_type"] in ("Reshape", "Transpose") and node.node.name in (lay.get("onnx_nodes") or [])
                            for lay in lays) else "npu"))
            rkey = M.reduce_key(view, ref) if ref.index not in fused else None  # a fused norm's mean: no layer
            if rkey is not None:
                prod = view.producer.get(ref.node.input[0])
                readers_of = view.consumers.get(ref.node.output[0], [])
                # the layer after the reduce, named after the mean or after the one Reshape / Flatten / Squeeze reading
                # it (`Transpose:seq_rs`, a mean over one side, keepdims 0, Reshaped back: placement_sweep `axmean`)
                handed = len(readers_of) == 1 and readers_of[0].op_type in ("Reshape", "Flatten", "Squeeze") and \
                    readers_of[0].node.name in own
                rec = (stem, "cpu" if prod is not None and prod.node.name in inserted else "npu",
                       "cpu" if name in own or handed else "npu")
                reduces[rkey].append(rec)
                ckey = M.reduce_nhwc_key(view, ref)
                if ckey is not None:  # an unfused channels-last norm's mean: its own key, read first
                    reduces_nhwc[ckey].append(rec)
                    wkey = M.reduce_nhwc_width_key(view, ref)
                    if wkey is not None:  # and its width class, read before it
                        reduces_nhwc[wkey].append(rec)
                for skey in (M.reduce_sized_key(view, ref), M.reduce_row_key(view, ref), M.reduce_seq_key(view, ref),
                             M.reduce_last_key(view, ref), M.reduce_batch_key(view, ref),
                             M.reduce_group_key(view, ref), M.reduce_branch_key(view, ref)):
                    if skey is not None:
                        reduces_sized[skey].append(rec)
                side = M.reduce_side_key(view, ref)
                if side is not None and (rec[1] == "npu" or sum(
                        c.op_type in M.REDUCES for c in view.consumers.get(ref.node.input[0], [])) == 1):
                    # not where two Reduces read a producer with a CPU layer (`coordatt`): it is neither's for sure
                    # (`coordatt1` builds each alone)
                    reduces_sized[side].append(rec)
                for pkey in (M.reduce_plane_key(view, ref), M.reduce_lanes_key(view, ref)):
                    if pkey is not None:
                        reduces_plane[pkey].append(rec)
                hkey = M.reduce_channel_key(view, ref)
                if hkey is not None:
                    reduces_chan[hkey].append(rec)
                    csized = M.reduce_channel_sized_key(view, ref)
                    if csized is not None:  # and its plane's class, read before it
                        reduces_chan[csized].append(rec)
                tkey = M.reduce_reader_key(view, ref)
                if tkey is not None:  # whose name the layer after the reduce takes: its own, its reader's, none
                    reader = view.consumers.get(ref.node.output[0], [])[0]
                    readers[tkey].append((stem, "reduce" if name in own else "reader" if reader.node.name in own
                                          and reader.op_type in ("Reshape", "Flatten", "Squeeze") else "none"))
        for vi in view.inputs:  # the toolkit's layer on a graph input (`Reshape:<input>_rs`)
            for key in M.input_keys(view, vi.name):  # the Pad-mode key and the plain one
                ins[key].append((stem, "cpu" if any(lay.get("graph_input") == vi.name for lay in lays) else "npu"))
        for o in view.output_names:
            key = M.output_key(view, o)
            place, by = _output_layer(view, o, lays, inserted)
            for okey in M.output_keys(view, o)[:-1]:  # the one-row (`:m1`), many-rows, layout-Concat classes, beside the plain key
                outs[okey].append((stem, place))
                if by and okey.endswith(":wln"):  # whose name a fused written-out LayerNorm's output layer took
                    out_named[okey].append((stem, by))
            if key is not None:
                outs[key].append((stem, place))
                if by:
                    out_named[key].append((stem, by))
                lin = M.output_linear(view, o)
                if lin is not None:
                    linears[key].append((stem, "cpu" if lin.node.name in inserted else "npu"))
            head = M.output_head(view, o)
            if head is not None:  # the Linear's own CPU Reshape, and one on the output after its tail ops
                lin, hkey = head
                prod = view.producer[o]
                heads[hkey].append((stem, "cpu" if lin.node.name in inserted else "npu",
                                    "cpu" if prod is not lin and prod.node.name in inserted else "npu"))

    def one(v: list[tuple[str, str]]) -> dict[str, Any]:
        places = {p for _, p in v}
        return {"placement": places.pop() if len(places) == 1 else "mixed", "n": len(v),
                "cpu": sum(p == "cpu" for _, p in v), "from": sorted({s for s, _ in v})}

    def roles_table(found: dict[str, dict[str, list[tuple[str, str]]]]) -> dict[str, Any]:
        """key -> each role's placement over the builds, their count and stems."""
        return {k: {**{r: one(v)["placement"] for r, v in sorted(roles.items())},
                    "n": max(len(v) for v in roles.values()), "from": sorted({s for v in roles.values() for s, _ in v})}
                for k, roles in sorted(found.items())}

    doc = {"toolkit": version, "family": family, "target": target, "dtype": dtype,
           "source": f"measured with rknn-toolkit2 {version}, {target} {dtype}: small onnx.helper models built whole "
                     "(calibration/placement_sweep.py, calibration/run_toolkit.py)",
           "commands": [f"python calibration/placement_sweep.py models --out {a.models}"
                        + "".join(f" --case {c}" for c in sorted({m["case"] for m in man.values()}) if a.merge),
                        f"python calibration/run_toolkit.py --models {a.models} --target {target} "
                        + (f"--dtype {dtype} " if dtype != "float16" else "")
                        + (f"--python /work/venvs/rknn-{version}/bin/python " if version != _project_toolkit() else "")
                        + f"--out {a.truth} --jobs 1",
                        "python calibration/placement_sweep.py " + " ".join(a.argv)],
           "motifs": {k: {"nodes": [one([(st, p[i]) for st, p in v])["placement"]
                                    for i in range(min(len(p) for _, p in v))],
                          "n": len(v), "from": sorted({st for st, _ in v})} for k, v in sorted(runs.items())},
           # the same runs keyed with their size class (motifs.sized_key), where the plain key's builds disagree
           "sized": {k: {"nodes": [one([(st, p[i]) for st, p in v])["placement"]
                                   for i in range(min(len(p) for _, p in v))],
                         "n": len(v), "from": sorted({st for st, _ in v})}
                     for k, v in sorted(sized.items())
                     if a.sized or len({tuple(p) for _, p in runs.get(k.rsplit("@", 1)[0], [])}) > 1}
           | {k: {"nodes": [one([(st, p[i]) for st, p in v])["placement"] for i in range(min(len(p) for _, p in v))],
                  "n": len(v), "from": sorted({st for st, _ in v})} for k, v in sorted(flat.items())},
           "boundaries": {k: one(v) for k, v in sorted(bound.items())},
           # a boundary's key with C's and N's alignment (motifs.boundary_sized_key), where the plain key's builds split
           # (with --sized every one: it outranks a whole build's plain key, as `sized` does)
           "boundaries_sized": {k: one(v) for k, v in sorted(bound_sized.items())
                                if a.sized or len({p for _, p in bound.get(k.rsplit("@", 1)[0], [])}) > 1},
           "inputs": {k: one(v) for k, v in sorted(ins.items())},
           "outputs": {k: {**one(v), **({"linear": one(linears[k])["placement"]} if k in linears else {}),
                           **({"named": one(out_named[k])["placement"]} if k in out_named else {})}
                       for k, v in sorted(outs.items())},
           "reduces": {k: {"producer": one([(s, p) for s, p, _ in v])["placement"],
                           "node": one([(s, n) for s, _, n in v])["placement"], "n": len(v),
                           "from": sorted({s for s, _, _ in v})} for k, v in sorted(reduces.items())},
           "reduces_sized": {k: {"producer": one([(s, p) for s, p, _ in v])["placement"],
                                 "node": one([(s, n) for s, _, n in v])["placement"], "n": len(v),
                                 "from": sorted({s for s, _, _ in v})} for k, v in sorted(reduces_sized.items())},
           "reduces_plane": {k: {"producer": one([(s, p) for s, p, _ in v])["placement"],
                                 "node": one([(s, n) for s, _, n in v])["placement"], "n": len(v),
                                 "from": sorted({s for s, _, _ in v})} for k, v in sorted(reduces_plane.items())},
           **({"reduces_chan": {k: {"producer": one([(s, p) for s, p, _ in v])["placement"],
                                    "node": one([(s, n) for s, _, n in v])["placement"], "n": len(v),
                                    "from": sorted({s for s, _, _ in v})} for k, v in sorted(reduces_chan.items())}}
              if reduces_chan else {}),
           **({"reduces_nhwc": {k: {"producer": one([(s, p) for s, p, _ in v])["placement"],
                                    "node": one([(s, n) for s, _, n in v])["placement"], "n": len(v),
                                    "from": sorted({s for s, _, _ in v})} for k, v in sorted(reduces_nhwc.items())}}
              if reduces_nhwc else {}),
           **({"mapflats": {k: one(v) for k, v in sorted(mapflats.items())}} if mapflats else {}),
           "reduce_readers": {k: one(v) for k, v in sorted(readers.items())},
           "nodes": {k: one(v) for k, v in sorted(nodes.items())},
           "nodes_ctx": {k: one(v) for k, v in sorted(nodes_ctx.items())},
           "attention": {k: {**{r: one(v)["placement"] for r, v in sorted(roles.items())},
                             "n": max(len(v) for v in roles.values()),
                             "from": sorted({s for v in roles.values() for s, _ in v})}
                         for k, roles in sorted(attn.items())},
           "channels_last": {k: {**{r: one(v)["placement"] for r, v in sorted(roles.items())},
                                 "n": len({st for v in roles.values() for st, _ in v}),
                                 "from": sorted({st for v in roles.values() for st, _ in v})}
                             for k, roles in sorted(glu.items())},
           "zero_weight": {k: {("node" if k == "Add" else "branch"): one([(st, p) for st, p in v])["placement"],
                               "n": len(v), "from": sorted({st for st, _ in v})} for k, v in sorted(zero.items())},
           **({"gnorm": {k: {**one([(s_, p_) for s_, p_, _ in v]),
                             "layer": one([(s_, n_) for s_, _, n_ in v if n_ != "none"] or [("", "none")])["placement"],
                             **{r: one(rv)["placement"] for r, rv in sorted(gnorm_roles[k].items())}}
                         for k, v in sorted(gnorm.items())}} if gnorm else {}),
           "heads": {k: {"linear": one([(s_, lp) for s_, lp, _ in v])["placement"],
                         "output": one([(s_, op) for s_, _, op in v])["placement"], "n": len(v),
                         "from": sorted({s_ for s_, _, _ in v})} for k, v in sorted(heads.items())},
           **({"area_attention": {k: {**one(v), **({"roles": {r: one(rv)["placement"] for r, rv in
                                                                sorted(area_roles[k].items())}}
                                                     if area_roles.get(k) else {})}
                                  for k, v in sorted(area.items())}} if area else {}),
           **({"hswish": {k: {**{r: one(v)["placement"] for r, v in sorted(roles.items())},
                              "n": max(len(v) for v in roles.values()),
                              "from": sorted({s for v in roles.values() for s, _ in v})}
                          for k, roles in sorted(hswish.items())}} if hswish else {}),
           **({"token_mlp": roles_table(tokmlp)} if tokmlp else {}),
           **({"safe_softmax": roles_table(safesm)} if safesm else {}),
           **({"masked_softmax": roles_table(masksm)} if masksm else {}),
           **({"linear_attention": roles_table(linatt)} if linatt else {}),
           **({"dropped": sorted(drop)} if drop else {}),
           **({"partial": True} if a.partial else {}),
           "cases": built}
    dest = Path(a.out) / f"{family}-{dtype}-{version}.yaml"
    if a.partial and not a.merge:
        raise SystemExit("placement_sweep: --partial keeps only the sections named by --merge (and --keys)")
    if a.partial and not dest.is_file():  # a new partial table: the named sections only, read over a full one
        stub = {k: doc[k] for k in ("toolkit", "family", "target", "dtype", "source")}
        doc = merge_sections(dest, doc, a.merge, a.keys, old={**stub, "partial": True, "commands": [], "cases": {}})
    elif a.merge:
        doc = merge_sections(dest, doc, a.merge, a.keys)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(HEAD + yaml.safe_dump(doc, sort_keys=False, width=200, default_flow_style=None))
    print(f"{dest}: {len(built)} builds, {len(doc.get('boundaries') or {})} boundary keys, "
          f"{len(doc.get('outputs') or {})} output keys" + (f", merged {', '.join(a.merge)}" if a.merge else ""))
    return 0


LAYOUT_OPS = frozenset({"Reshape", "Transpose", "Split"})


def role_place(node, lays: list[dict[str, Any]]) -> str:
    """Where the toolkit ran a channels-last / attention role's layout layer: "cpu" when a CPU Reshape or Transpose
    layer maps to the role's node (or any CPU layer, where the node is a layout op itself). A compute op that runs
    on the CPU whole (rv1106b int8's and rk2118 fp16's LayerNorm, an exNorm, the qkv_in / first_norm role) added no
    layout layer: that is RKN601's CPU node, not a CPU Reshape / Transpose for RKN611 to name. A Gather the toolkit
    makes of a Transpose ('<value>_sw-gather', '<value>_swap_gather') is a layout layer: Twins-SVT's window grid
    Transpose into the qkv Linear ran as 'Gather:<grid>_tp-rs-rs_sw-gather' on rk2118 float16 and rv1106 / rv1106b int8
    with 2.3.2, the qkv MatMul's by its owner (calibration/placement_sweep.py `lsa`)."""
    name, own_op = node.node.name, node.op_type in LAYOUT_OPS
    return "cpu" if any(name in (lay.get("onnx_nodes") or []) and (own_op or _layout_layer(lay)) for lay in lays) else "npu"


def _layout_layer(lay: dict[str, Any]) -> bool:
    """A Reshape / Transpose layer, or a Gather standing for a Transpose (role_place)."""
    op = lay.get("op_type")
    return op in ("Reshape", "Transpose") or (op == "Gather" and str(lay.get("full_name", "")).endswith(
        ("_sw-gather", "_swap_gather")))


def merge_sections(dest: Path, new: dict[str, Any], sections: list[str], keys: str | None = None,
                   old: dict[str, Any] | None = None) -> dict[str, Any]:
    """The table at `dest` with `sections` of `new` merged in, everything else as it was: a few cases measured on a
    family after its whole sweep. A key already in the table keeps its entry (attention keys the old builds made
    stay theirs); the new builds join `cases` (a stem already there keeps its record) and the new commands join
    `commands`, so each section still names the builds and commands it rests on. A case the table dropped (`--drop`:
    builds since made stale) and the new builds measure again leaves `dropped`: its new records replace the dropped."""
    import yaml

    old = old if old is not None else yaml.safe_load(dest.read_text())
    for k in ("toolkit", "family", "target", "dtype"):
        if old.get(k) != new[k]:
            raise SystemExit(f"placement_sweep: {dest} is {k} {old.get(k)}, the truth {new[k]}")
    old["commands"] = list(old.get("commands") or []) + [c for c in new["commands"] if c not in (old.get("commands") or [])]
    tail = {k: old.pop(k) for k in ("dropped", "cases") if k in old}
    for sec in sections:
        have = old.setdefault(sec, {}) or {}
        old[sec] = {**have, **{k: v for k, v in new.get(sec, {}).items()
                               if k not in have and (keys is None or re.search(keys, k))}}
    cases = dict(tail.get("cases") or {})
    cases.update({k: v for k, v in new["cases"].items() if k not in cases or (cases[k].get("dropped")
                                                                           and not v.get("dropped"))})
    still = sorted({v.get("case") for v in cases.values() if v.get("dropped")})
    dropped = [c for c in tail.get("dropped") or [] if c in still]
    return {**old, **({"dropped": dropped} if dropped else {}), "cases": cases}


HEAD = ("# Placement measured on small onnx.helper models (calibration/placement_sweep.py) with the real rknn-toolkit2.\n"
        "# boundaries: whether the toolkit added a CPU Reshape / Transpose after an op class that feeds these consumers\n"
        "# (rknnlint/motifs.py boundary_key); outputs: whether it added one on a rank-2/3 graph output (output_key);\n"
        "# cases: every build with the ONNX nodes its CPU layers map to. Read where the whole-build motif table has no\n"
        "# entry for a key.\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("models")
    m.add_argument("--out", required=True)
    m.add_argument("--case", action="append", metavar="CASE",
                   help="write only this case's models (repeatable; the `case` of sweep.json: zero, glu, coat, ...)")
    t = sub.add_parser("table")
    t.add_argument("--models", required=True)
    t.add_argument("--truth", required=True)
    t.add_argument("--out", default=str(ROOT / "rules" / "motifs" / "sweeps"))
    t.add_argument("--drop", action="append", metavar="CASE",
                   help="leave a case's builds out of every section but `cases` (where they stay, marked dropped): "
                        "for a case whose layer names a family misreads (kept for that: the rv1106 int8 `inorm` case, "
                        "misread until rknnlint/toolkit/owners.py gave exNorm:<input>_tp_rs_norm to the InstanceNorm)")
    t.add_argument("--merge", action="append", metavar="SECTION",
                   help="merge only this section (repeatable: zero_weight, channels_last, attention, ...) into the "
                        "family's existing table, keeping its other sections and its keys; the builds join `cases`")
    t.add_argument("--partial", action="store_true",
                   help="a table of a few cases for a version whose family has no full sweep with it, holding only the "
                        "--merge sections (and --keys): rknnlint reads its keys over the nearest version's full table "
                        "(rknnlint/motifs.py table), never alone")
    t.add_argument("--sized", action="store_true",
                   help="write every run's size-classed key to `sized`, not only where this sweep's builds of the plain "
                        "key disagree: a sized key outranks the whole-build table's plain key, so the size class "
                        "separates what the small models measured from another context of the same motif (SVTR's qkv "
                        "Transpose at a batch of 1 on the NPU, MobileViT's batch of patches on the CPU); likewise "
                        "every boundary's sized key to `boundaries_sized`")
    t.add_argument("--keys", metavar="REGEX",
                   help="with --merge: only the new keys matching this regular expression (the other ops of a case's "
                        "models, measured only there, stay out: `--keys ^MatMul` for the mqa case)")
    a = ap.parse_args(argv)
    a.argv = sys.argv[1:] if argv is None else list(argv)  # the command the table records
    return {"models": cmd_models, "table": cmd_table}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
